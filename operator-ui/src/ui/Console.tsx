import { AppShell } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Conversation, ConversationStatus, Message, Operator, ServerFrame } from '../api/types';
import {
  conversationListReducer,
  initialConversationListState,
  needsFetch,
} from '../state/conversationList';
import { initialThreadState, threadReducer } from '../state/thread';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { HeaderBar } from './HeaderBar';
import { useLatest, useNow, useOperatorSocket, usePresence } from './hooks';
import { errorText, useServices } from './services';

/**
 * The signed-in console: conversation list on the left, the open conversation on the right, both fed by REST and
 * kept live by the operator socket. After a reconnect it re-fetches the list and the open thread.
 */
export function Console({ operator }: { operator: Operator }) {
  const { api, auth } = useServices();
  const [list, listDispatch] = useReducer(conversationListReducer, initialConversationListState);
  const [thread, threadDispatch] = useReducer(threadReducer, initialThreadState);
  const [openSnapshot, setOpenSnapshot] = useState<Conversation | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [threadError, setThreadError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const listRef = useLatest(list);
  const openIdRef = useRef<string | null>(null);
  const now = useNow();

  const loadFirstPage = useCallback(async (filter: ConversationStatus | null) => {
    try {
      const page = await api.listConversations(filter, null);
      listDispatch({ type: 'pageLoaded', filter, page, append: false });
      setListError(null);
    } catch (error) {
      setListError(errorText(error));
    }
  }, [api]);

  const loadThread = useCallback(async (id: string) => {
    try {
      const messages = await api.listAllMessages(id);
      threadDispatch({ type: 'loaded', conversationId: id, messages });
      if (openIdRef.current === id) setThreadError(null);
    } catch (error) {
      if (openIdRef.current === id) setThreadError(errorText(error));
    }
  }, [api]);

  const markRead = useCallback((id: string) => {
    api.markRead(id).catch(() => {
      // best effort: the unread count is recomputed by the server on the next read
    });
  }, [api]);
  const markReadSoon = useDebouncedCallback(markRead, 300);

  const refreshConversation = useCallback(async (id: string) => {
    try {
      const conversation = await api.getConversation(id);
      listDispatch({ type: 'upserted', conversation });
      if (openIdRef.current === conversation.id) setOpenSnapshot(conversation);
    } catch {
      // the next list load shows it
    }
  }, [api]);

  useEffect(() => {
    void loadFirstPage(list.filter);
  }, [list.filter, loadFirstPage]);

  const handleFrame = useCallback((frame: ServerFrame) => {
    const unknown = needsFetch(listRef.current, frame);
    listDispatch({ type: 'frame', frame, receivedAt: new Date().toISOString() });
    threadDispatch({ type: 'frame', frame });
    if (frame.type === 'message.received' && frame.conversationId === openIdRef.current) {
      markReadSoon(frame.conversationId);
    }
    if (unknown) void refreshConversation(frame.conversationId);
  }, [listRef, markReadSoon, refreshConversation]);

  const handleReconnected = useCallback(() => {
    void loadFirstPage(listRef.current.filter);
    const id = openIdRef.current;
    if (id) {
      void loadThread(id);
      void refreshConversation(id);
      markRead(id);
    }
  }, [listRef, loadFirstPage, loadThread, markRead, refreshConversation]);

  const connection = useOperatorSocket(auth, handleFrame, handleReconnected);
  // presence is re-read whenever the socket (re)connects: our own socket is what makes us "online"
  const presence = usePresence(api, connection === 'live');

  const open = useCallback((conversation: Conversation) => {
    if (openIdRef.current === conversation.id) return;
    openIdRef.current = conversation.id;
    setOpenSnapshot(conversation);
    setThreadError(null);
    listDispatch({ type: 'opened', id: conversation.id });
    threadDispatch({ type: 'opened', conversationId: conversation.id });
    void loadThread(conversation.id);
    markRead(conversation.id);
  }, [loadThread, markRead]);

  const loadMore = useCallback(async () => {
    const { filter, nextCursor } = listRef.current;
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api.listConversations(filter, nextCursor);
      listDispatch({ type: 'pageLoaded', filter, page, append: true });
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
  }, [api, operator.id, refreshConversation]);

  const openConversation = (openSnapshot && list.items.find((item) => item.id === openSnapshot.id)) ?? openSnapshot;

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: { base: 320, lg: 380 }, breakpoint: 0 }} padding={0}>
      <AppShell.Header>
        <HeaderBar operator={operator} presence={presence} connection={connection} onLogout={() => void auth.logout()} />
      </AppShell.Header>
      <AppShell.Navbar>
        <ConversationList
          items={list.items}
          filter={list.filter}
          onFilterChange={(filter) => listDispatch({ type: 'filterChanged', filter })}
          openId={openConversation?.id ?? null}
          onOpen={open}
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
          onSend={send}
        />
      </AppShell.Main>
    </AppShell>
  );
}
