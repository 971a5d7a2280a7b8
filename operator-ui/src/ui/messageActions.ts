import { createContext, useContext } from 'react';
import type { Message } from '../api/types';

/**
 * What the bubbles of the open thread may do beyond showing the message: the conversation they belong to, who is
 * looking (own messages can be edited and deleted), how to apply the result of an action to the thread, and how to
 * scroll to a replied-to message. Absent (null) = read-only bubbles.
 */
export interface MessageActions {
  conversationId: string;
  operatorId: string | null;
  /** Apply fields changed by an action (retry → PENDING, edit, delete) to the thread. */
  onPatched: (messageId: string, patch: Partial<Message>) => void;
  /** Scroll to a loaded message and flash it; false when it is not loaded. */
  scrollTo: (messageId: string) => boolean;
}

export const MessageActionsContext = createContext<MessageActions | null>(null);

export function useMessageActions(): MessageActions | null {
  return useContext(MessageActionsContext);
}
