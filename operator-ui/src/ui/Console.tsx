import { AppShell } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ApiError } from '../api/problem';
import type { Conversation, Message, Operator, ServerFrame } from '../api/types';
import { t } from '../i18n';
import { conversationChannel } from '../format/channel';
import { reminderNoticeText } from '../format/labels';
import { TelegramTypingRelay } from '../live/telegramTyping';
import { isAdminRole } from '../state/conversationActions';
import {
  conversationListReducer,
  conversationListStateFor,
  needsFetch,
} from '../state/conversationList';
import { isLifecycleFrame, patchConversation } from '../state/conversationPatch';
import { type CountsAction, type CountsState, countsReducer, initialCountsState } from '../state/counts';
import { customerReadAt, isCustomerTyping } from '../state/customerActivity';
import { type ListQuery, toConversationQuery } from '../state/listQuery';
import { initialNotesState, notesReducer, readNotePages } from '../state/notes';
import {
  initialRemindersState,
  isNewReminder,
  isUnclaimed,
  remindedIds,
  remindersOf,
  remindersReducer,
} from '../state/reminders';
import { initialThreadState, threadReducer } from '../state/thread';
import { ConversationPanel } from './ConversationPanel';
import { ConversationView } from './ConversationView';
import { HeaderBar } from './HeaderBar';
import { ConsoleDataContext, useConsoleReferenceData } from './consoleData';
import { useCustomerActivity, useLatest, useNow, useOperatorSocket, usePresence } from './hooks';
import { useNotify } from './notices';
import { errorText, useServices } from './services';

/** How often the tab counts are re-read even without events (ms). */
const COUNTS_POLL_MS = 60_000;
/** How long a reminder notification stays (ms). */
const REMINDER_NOTICE_MS = 20_000;

/**
 * The signed-in console: search, tabs and the conversation list on the left, the open conversation (with its
 * notes) on the right, all fed by REST and kept live by the operator socket: lifecycle, tag, note, system message
 * and deletion events update the list, the tab counts and the open conversation without a reload; the customer's
 * typing and read receipts (widget) show in the open conversation, and the operator's typing goes out on the
 * socket (and, for Telegram conversations, to `POST …/typing` at most every 4 s, so the customer sees "typing…").
 * An operator reminder (unclaimed conversation) shows a notification that opens the conversation, a badge on its
 * row and, when pinned, a box above its thread, until someone claims it. After a reconnect it re-fetches the
 * list, the counts and the open conversation.
 */
export function Console({ operator, onOpenAdmin }: { operator: Operator; onOpenAdmin?: () => void }) {
  const { api, auth } = useServices();
  const notify = useNotify();
  const viewer = useMemo(() => ({ id: operator.id, admin: isAdminRole(operator.role) }), [operator.id, operator.role]);
  const data = useConsoleReferenceData(api, viewer);
  const [list, listDispatch] = useReducer(conversationListReducer, operator.id, conversationListStateFor);
  const [thread, threadDispatch] = useReducer(threadReducer, initialThreadState);
  const [notes, notesDispatch] = useReducer(notesReducer, initialNotesState);
  const [reminders, remindersDispatch] = useReducer(remindersReducer, initialRemindersState);
  const boundCountsReducer = useMemo(
    () => (state: CountsState, action: CountsAction) => countsReducer(state, action, operator.id),
    [operator.id],
  );
  const [counts, countsDispatch] = useReducer(boundCountsReducer, initialCountsState);
  const [activity, activityOnFrame] = useCustomerActivity();
  const [openSnapshot, setOpenSnapshot] = useState<Conversation | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [threadError, setThreadError] = useState<string | null>(null);
  const [notesError, setNotesError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadingMoreNotes, setLoadingMoreNotes] = useState(false);
  const listRef = useLatest(list);
  const notesRef = useLatest(notes);
  const remindersRef = useLatest(reminders);
  const openSnapshotRef = useLatest(openSnapshot);
  const dataRef = useLatest(data);
  const openIdRef = useRef<string | null>(null);
  const now = useNow();

  const loadFirstPage = useCallback(async (query: ListQuery) => {
    try {
      const page = await api.listConversations(toConversationQuery(query), null);
      listDispatch({ type: 'pageLoaded', query, page, append: false });
      countsDispatch({ type: 'observed', conversations: page.items });
      remindersDispatch({ type: 'observed', conversations: page.items });
      setListError(null);
    } catch (error) {
      setListError(errorText(error));
    }
  }, [api]);

  const loadCounts = useCallback(async () => {
    try {
      countsDispatch({ type: 'loaded', counts: await api.conversationCounts() });
    } catch {
      // keep the last counts; the next event or poll retries
    }
  }, [api]);
  const loadCountsSoon = useDebouncedCallback(() => void loadCounts(), 500);

  const loadThread = useCallback(async (id: string) => {
    try {
      const messages = await api.listAllMessages(id);
      threadDispatch({ type: 'loaded', conversationId: id, messages });
      if (openIdRef.current === id) setThreadError(null);
    } catch (error) {
      if (openIdRef.current === id) setThreadError(errorText(error));
    }
  }, [api]);

  /** Reads the open conversation's notes from the first page on: `pages` pages (a reload reads as many as before). */
  const loadNotes = useCallback(async (id: string, pages = 1) => {
    try {
      const result = await readNotePages((cursor) => api.listNotes(id, cursor), pages);
      notesDispatch({ type: 'loaded', conversationId: id, ...result });
      if (openIdRef.current === id) setNotesError(null);
    } catch (error) {
      if (openIdRef.current === id) setNotesError(errorText(error));
    }
  }, [api]);

  /** "Load more notes": the page after the last one read. */
  const loadMoreNotes = useCallback(async () => {
    const { conversationId, nextCursor } = notesRef.current;
    if (!conversationId || !nextCursor) return;
    setLoadingMoreNotes(true);
    try {
      const page = await api.listNotes(conversationId, nextCursor);
      notesDispatch({ type: 'moreLoaded', conversationId, notes: page.items, nextCursor: page.nextCursor });
      if (openIdRef.current === conversationId) setNotesError(null);
    } catch (error) {
      if (openIdRef.current === conversationId) notify(t('notes.loadMoreFailed', { reason: errorText(error) }));
    } finally {
      setLoadingMoreNotes(false);
    }
  }, [api, notesRef, notify]);

  const markRead = useCallback((id: string) => {
    api.markRead(id).catch(() => {
      // best effort: the unread count is recomputed by the server on the next read
    });
  }, [api]);
  const markReadSoon = useDebouncedCallback(markRead, 300);

  /** A fresh snapshot of a conversation (REST answer): into the list, the open view and the counts. */
  const applyConversation = useCallback((conversation: Conversation) => {
    listDispatch({ type: 'upserted', conversation });
    remindersDispatch({ type: 'observed', conversations: [conversation] });
    if (openIdRef.current === conversation.id) setOpenSnapshot(conversation);
    countsDispatch({
      type: 'changed',
      conversationId: conversation.id,
      after: { status: conversation.status, assigneeId: conversation.assigneeId ?? null },
    });
  }, []);

  const refreshConversation = useCallback(async (id: string) => {
    try {
      applyConversation(await api.getConversation(id));
    } catch {
      // the next list load shows it
    }
  }, [api, applyConversation]);

  useEffect(() => {
    void loadFirstPage(list.query);
  }, [list.query, loadFirstPage]);

  useEffect(() => {
    void loadCounts();
    const id = setInterval(() => void loadCounts(), COUNTS_POLL_MS);
    return () => clearInterval(id);
  }, [loadCounts]);

  const closeOpen = useCallback(() => {
    openIdRef.current = null;
    setOpenSnapshot(null);
    listDispatch({ type: 'opened', id: null });
    threadDispatch({ type: 'opened', conversationId: null });
    notesDispatch({ type: 'opened', conversationId: null });
  }, []);

  const openByIdRef = useRef<(id: string) => void>(() => undefined);

  /**
   * Notification of an operator reminder: "Blue Lion #84C2 has waited 15 minutes — unclaimed"; a click opens the
   * conversation. The codename comes from the list or the open conversation, else the conversation is fetched
   * (and skipped when it turns out to be claimed already).
   */
  const announceReminder = useCallback(async (conversationId: string, key: string) => {
    let known: Conversation | null = listRef.current.items.find((item) => item.id === conversationId)
      ?? (openSnapshotRef.current?.id === conversationId ? openSnapshotRef.current : null);
    if (!known) {
      try {
        known = await api.getConversation(conversationId);
        applyConversation(known);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return; // deleted meanwhile
        known = null; // still announce it, without the codename
      }
    }
    if (known && !isUnclaimed(known)) {
      // claimed before the reminder got here: no notice, no badge
      remindersDispatch({ type: 'observed', conversations: [known] });
      return;
    }
    notify(reminderNoticeText(known?.codename, key), {
      color: 'orange', title: t('reminder.title'), kind: 'reminder', conversationId, timeoutMs: REMINDER_NOTICE_MS,
      onClick: () => openByIdRef.current(conversationId),
    });
  }, [api, applyConversation, listRef, notify, openSnapshotRef]);

  const handleFrame = useCallback((frame: ServerFrame) => {
    const unknown = needsFetch(listRef.current, frame);
    const isOpen = frame.conversationId === openIdRef.current;
    const newReminder = isNewReminder(remindersRef.current, frame);
    const receivedAt = new Date().toISOString();
    listDispatch({ type: 'frame', frame, receivedAt });
    threadDispatch({ type: 'frame', frame });
    notesDispatch({ type: 'frame', frame });
    remindersDispatch({ type: 'frame', frame, receivedAt });
    activityOnFrame(frame);
    if (newReminder && frame.type === 'system_message.posted') void announceReminder(frame.conversationId, frame.payload.key);
    if (isOpen || frame.type === 'customer.updated') {
      setOpenSnapshot((current) => (current ? patchConversation(current, frame) : current));
    }

    if (isLifecycleFrame(frame)) {
      const { status, assigneeId } = frame.payload.state;
      countsDispatch({ type: 'changed', conversationId: frame.conversationId, after: { status, assigneeId } });
      loadCountsSoon();
    } else if (frame.type === 'conversation.opened') {
      countsDispatch({
        type: 'changed', conversationId: frame.conversationId, created: true,
        after: { status: frame.payload.status, assigneeId: null },
      });
      loadCountsSoon();
    } else if (frame.type === 'conversation.deleted') {
      countsDispatch({ type: 'changed', conversationId: frame.conversationId, after: null });
      loadCountsSoon();
      if (isOpen) {
        closeOpen();
        notify(t('conversation.deleted'), { color: 'gray' });
      }
      return;
    } else if (frame.type === 'conversation.tagged') {
      if (!dataRef.current.tags.some((tag) => tag.id === frame.payload.tag.id)) dataRef.current.reloadTags();
    }

    if (frame.type === 'message.received' && isOpen) markReadSoon(frame.conversationId);
    if (unknown) void refreshConversation(frame.conversationId);
  }, [activityOnFrame, announceReminder, closeOpen, dataRef, listRef, loadCountsSoon, markReadSoon, notify, refreshConversation,
    remindersRef]);

  const handleReconnected = useCallback(() => {
    void loadFirstPage(listRef.current.query);
    void loadCounts();
    dataRef.current.reloadOperators();
    dataRef.current.reloadTags();
    const id = openIdRef.current;
    if (id) {
      void loadThread(id);
      void loadNotes(id, notesRef.current.conversationId === id ? notesRef.current.pages : 1);
      void refreshConversation(id);
      markRead(id);
    }
  }, [dataRef, listRef, loadCounts, loadFirstPage, loadNotes, loadThread, markRead, notesRef, refreshConversation]);

  const { connection, send: sendFrame } = useOperatorSocket(auth, handleFrame, handleReconnected);
  // Telegram customers see "typing…" through the REST endpoint (throttled to once per 4 s per conversation)
  const [telegramTyping] = useState(() => new TelegramTypingRelay((id) => api.typing(id)));
  const sendTyping = useCallback((conversationId: string, active: boolean) => {
    sendFrame({ type: 'typing', conversationId, active });
    const known = listRef.current.items.find((item) => item.id === conversationId)
      ?? (openSnapshotRef.current?.id === conversationId ? openSnapshotRef.current : null);
    if (known && conversationChannel(known) === 'TELEGRAM') telegramTyping.typing(conversationId, active);
  }, [listRef, openSnapshotRef, sendFrame, telegramTyping]);
  // presence is re-read whenever the socket (re)connects: our own socket is what makes us "online"
  const presence = usePresence(api, connection === 'live');

  const open = useCallback((conversation: Conversation) => {
    if (openIdRef.current === conversation.id) return;
    openIdRef.current = conversation.id;
    setOpenSnapshot(conversation);
    setThreadError(null);
    setNotesError(null);
    listDispatch({ type: 'opened', id: conversation.id });
    threadDispatch({ type: 'opened', conversationId: conversation.id });
    notesDispatch({ type: 'opened', conversationId: conversation.id });
    countsDispatch({ type: 'observed', conversations: [conversation] });
    void loadThread(conversation.id);
    void loadNotes(conversation.id);
    markRead(conversation.id);
  }, [loadNotes, loadThread, markRead]);

  /** Opens a conversation by id (a search result): from the list when there, else fetched. */
  const openById = useCallback(async (id: string) => {
    const known = listRef.current.items.find((item) => item.id === id);
    if (known) {
      open(known);
      return;
    }
    try {
      open(await api.getConversation(id));
    } catch (error) {
      notify(errorText(error));
    }
  }, [api, listRef, notify, open]);

  useEffect(() => {
    openByIdRef.current = (id: string) => void openById(id);
  }, [openById]);

  /**
   * An admin erased a customer: their conversations (the profile's, plus any row of that customer) leave the list,
   * the counts and the open view at once; the server's `conversation.deleted` events then change nothing.
   */
  const onCustomerErased = useCallback((customerId: string, conversationIds: string[]) => {
    const ids = new Set(conversationIds);
    for (const item of listRef.current.items) if (item.customer.id === customerId) ids.add(item.id);
    const open = openSnapshotRef.current;
    const name = (open?.customer.id === customerId ? open.customer.displayName : null)
      ?? listRef.current.items.find((item) => item.customer.id === customerId)?.customer.displayName ?? '';
    const receivedAt = new Date().toISOString();
    for (const id of ids) {
      listDispatch({ type: 'frame', frame: { type: 'conversation.deleted', conversationId: id, payload: { reason: 'erasure' } }, receivedAt });
      countsDispatch({ type: 'changed', conversationId: id, after: null });
    }
    remindersDispatch({ type: 'removed', conversationIds: [...ids] });
    if (openIdRef.current && ids.has(openIdRef.current)) closeOpen();
    loadCountsSoon();
    notify(t('customer.erased', { name }), { color: 'gray' });
  }, [closeOpen, listRef, loadCountsSoon, notify, openSnapshotRef]);

  const loadMore = useCallback(async () => {
    const { query, nextCursor } = listRef.current;
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api.listConversations(toConversationQuery(query), nextCursor);
      listDispatch({ type: 'pageLoaded', query, page, append: true });
      countsDispatch({ type: 'observed', conversations: page.items });
      remindersDispatch({ type: 'observed', conversations: page.items });
    } catch (error) {
      setListError(errorText(error));
    } finally {
      setLoadingMore(false);
    }
  }, [api, listRef]);

  const send = useCallback(async (conversationId: string, text: string, idempotencyKey: string): Promise<void> => {
    const message: Message = await api.sendMessage(conversationId, text, idempotencyKey);
    threadDispatch({ type: 'upserted', conversationId, message });
    listDispatch({
      type: 'frame',
      frame: { type: 'message.queued', conversationId, payload: { operatorId: operator.id, message } },
      receivedAt: new Date().toISOString(),
    });
    void refreshConversation(conversationId); // its status may have changed (e.g. claimed by this reply)
    loadCountsSoon();
  }, [api, loadCountsSoon, operator.id, refreshConversation]);

  const sendFile = useCallback(async (conversationId: string, file: File, caption: string, clientMessageId: string) => {
    const message: Message = await api.sendAttachment(conversationId, file, file.name, caption, clientMessageId);
    threadDispatch({ type: 'upserted', conversationId, message });
    listDispatch({
      type: 'frame',
      frame: { type: 'message.queued', conversationId, payload: { operatorId: operator.id, message } },
      receivedAt: new Date().toISOString(),
    });
    void refreshConversation(conversationId);
    loadCountsSoon();
  }, [api, loadCountsSoon, operator.id, refreshConversation]);

  const patchMessage = useCallback((conversationId: string, messageId: string, patch: Partial<Message>) => {
    threadDispatch({ type: 'patched', conversationId, messageId, patch });
  }, []);

  const addNote = useCallback(async (conversationId: string, text: string) => {
    notesDispatch({ type: 'added', note: await api.addNote(conversationId, text) });
  }, [api]);

  const onChanged = useCallback((conversation: Conversation) => {
    applyConversation(conversation);
    loadCountsSoon();
  }, [applyConversation, loadCountsSoon]);

  const onRefused = useCallback((id: string) => {
    void refreshConversation(id);
    loadCountsSoon();
  }, [loadCountsSoon, refreshConversation]);

  const openConversation = (openSnapshot && list.items.find((item) => item.id === openSnapshot.id)) ?? openSnapshot;
  const openId = openConversation?.id ?? null;
  const reminderIds = useMemo(() => remindedIds(reminders), [reminders]);

  return (
    <ConsoleDataContext.Provider value={data}>
      <AppShell header={{ height: 60 }} navbar={{ width: { base: 320, lg: 380 }, breakpoint: 0 }} padding={0}>
        <AppShell.Header>
          <HeaderBar operator={operator} presence={presence} connection={connection} onLogout={() => void auth.logout()}
            onOpenAdmin={onOpenAdmin} />
        </AppShell.Header>
        <AppShell.Navbar>
          <ConversationPanel
            query={list.query}
            onQueryChange={(query) => listDispatch({ type: 'queryChanged', query })}
            counts={counts.counts}
            items={list.items}
            openId={openId}
            onOpen={open}
            onOpenById={(id) => void openById(id)}
            hasMore={list.nextCursor !== null}
            loadingMore={loadingMore}
            onLoadMore={() => void loadMore()}
            error={listError}
            now={now}
            reminderIds={reminderIds}
          />
        </AppShell.Navbar>
        <AppShell.Main h="100dvh">
          <ConversationView
            conversation={openConversation}
            thread={thread}
            error={threadError}
            notes={notes}
            notesError={notesError}
            onSend={send}
            onSendFile={sendFile}
            onMessagePatched={patchMessage}
            operatorId={operator.id}
            onTyping={sendTyping}
            customerTyping={isCustomerTyping(activity, openId)}
            customerReadAt={customerReadAt(activity, openId)}
            onAddNote={addNote}
            onChanged={onChanged}
            onRefused={onRefused}
            pinnedReminder={remindersOf(reminders, openId)?.pinned ?? null}
            onLoadMoreNotes={() => void loadMoreNotes()}
            loadingMoreNotes={loadingMoreNotes}
            onOpenConversation={(id) => void openById(id)}
            onCustomerErased={onCustomerErased}
          />
        </AppShell.Main>
      </AppShell>
    </ConsoleDataContext.Provider>
  );
}
