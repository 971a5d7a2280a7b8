import { AppShell } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Conversation, Message, Operator, ServerFrame } from '../api/types';
import { t } from '../i18n';
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
import { initialNotesState, notesReducer } from '../state/notes';
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

/**
 * The signed-in console: search, tabs and the conversation list on the left, the open conversation (with its
 * notes) on the right, all fed by REST and kept live by the operator socket: lifecycle, tag, note, system message
 * and deletion events update the list, the tab counts and the open conversation without a reload; the customer's
 * typing and read receipts (widget) show in the open conversation, and the operator's typing goes out on the
 * socket. After a reconnect it re-fetches the list, the counts and the open conversation.
 */
export function Console({ operator, onOpenAdmin }: { operator: Operator; onOpenAdmin?: () => void }) {
  const { api, auth } = useServices();
  const notify = useNotify();
  const viewer = useMemo(() => ({ id: operator.id, admin: isAdminRole(operator.role) }), [operator.id, operator.role]);
  const data = useConsoleReferenceData(api, viewer);
  const [list, listDispatch] = useReducer(conversationListReducer, operator.id, conversationListStateFor);
  const [thread, threadDispatch] = useReducer(threadReducer, initialThreadState);
  const [notes, notesDispatch] = useReducer(notesReducer, initialNotesState);
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
  const listRef = useLatest(list);
  const dataRef = useLatest(data);
  const openIdRef = useRef<string | null>(null);
  const now = useNow();

  const loadFirstPage = useCallback(async (query: ListQuery) => {
    try {
      const page = await api.listConversations(toConversationQuery(query), null);
      listDispatch({ type: 'pageLoaded', query, page, append: false });
      countsDispatch({ type: 'observed', conversations: page.items });
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

  const loadNotes = useCallback(async (id: string) => {
    try {
      notesDispatch({ type: 'loaded', conversationId: id, notes: await api.listNotes(id) });
      if (openIdRef.current === id) setNotesError(null);
    } catch (error) {
      if (openIdRef.current === id) setNotesError(errorText(error));
    }
  }, [api]);

  const markRead = useCallback((id: string) => {
    api.markRead(id).catch(() => {
      // best effort: the unread count is recomputed by the server on the next read
    });
  }, [api]);
  const markReadSoon = useDebouncedCallback(markRead, 300);

  /** A fresh snapshot of a conversation (REST answer): into the list, the open view and the counts. */
  const applyConversation = useCallback((conversation: Conversation) => {
    listDispatch({ type: 'upserted', conversation });
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

  const handleFrame = useCallback((frame: ServerFrame) => {
    const unknown = needsFetch(listRef.current, frame);
    const isOpen = frame.conversationId === openIdRef.current;
    listDispatch({ type: 'frame', frame, receivedAt: new Date().toISOString() });
    threadDispatch({ type: 'frame', frame });
    notesDispatch({ type: 'frame', frame });
    activityOnFrame(frame);
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
  }, [activityOnFrame, closeOpen, dataRef, listRef, loadCountsSoon, markReadSoon, notify, refreshConversation]);

  const handleReconnected = useCallback(() => {
    void loadFirstPage(listRef.current.query);
    void loadCounts();
    dataRef.current.reloadOperators();
    dataRef.current.reloadTags();
    const id = openIdRef.current;
    if (id) {
      void loadThread(id);
      void loadNotes(id);
      void refreshConversation(id);
      markRead(id);
    }
  }, [dataRef, listRef, loadCounts, loadFirstPage, loadNotes, loadThread, markRead, refreshConversation]);

  const { connection, send: sendFrame } = useOperatorSocket(auth, handleFrame, handleReconnected);
  const sendTyping = useCallback((conversationId: string, active: boolean) => {
    sendFrame({ type: 'typing', conversationId, active });
  }, [sendFrame]);
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

  const loadMore = useCallback(async () => {
    const { query, nextCursor } = listRef.current;
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api.listConversations(toConversationQuery(query), nextCursor);
      listDispatch({ type: 'pageLoaded', query, page, append: true });
      countsDispatch({ type: 'observed', conversations: page.items });
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
            onTyping={sendTyping}
            customerTyping={isCustomerTyping(activity, openId)}
            customerReadAt={customerReadAt(activity, openId)}
            onAddNote={addNote}
            onChanged={onChanged}
            onRefused={onRefused}
          />
        </AppShell.Main>
      </AppShell>
    </ConsoleDataContext.Provider>
  );
}
