import type { Note, ServerFrame } from '../api/types';

/** The open conversation's private notes, oldest first. */
export interface NotesState {
  conversationId: string | null;
  notes: Note[];
  loaded: boolean;
}

export type NotesAction =
  | { type: 'opened'; conversationId: string | null }
  /** `GET …/notes` (merged with live ones that raced it). */
  | { type: 'loaded'; conversationId: string; notes: Note[] }
  /** The answer of `POST …/notes`. */
  | { type: 'added'; note: Note }
  | { type: 'frame'; frame: ServerFrame };

export const initialNotesState: NotesState = { conversationId: null, notes: [], loaded: false };

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

function merge(state: NotesState, incoming: Note[]): NotesState {
  const byId = new Map(state.notes.map((note) => [note.id, note]));
  let changed = false;
  for (const note of incoming) {
    if (note.conversationId && note.conversationId !== state.conversationId) continue;
    if (byId.has(note.id)) continue;
    byId.set(note.id, note);
    changed = true;
  }
  if (!changed) return state;
  const notes = [...byId.values()].sort((a, b) => time(a.createdAt) - time(b.createdAt));
  return { ...state, notes };
}

/**
 * Notes of the open conversation: loaded when it opens, appended from the POST answer and from `note.added` events
 * (the same note from both is kept once), ordered by `createdAt`.
 */
export function notesReducer(state: NotesState, action: NotesAction): NotesState {
  switch (action.type) {
    case 'opened':
      if (action.conversationId === state.conversationId) return state;
      return { conversationId: action.conversationId, notes: [], loaded: false };
    case 'loaded': {
      if (action.conversationId !== state.conversationId) return state;
      const merged = merge(state, action.notes);
      return merged.loaded ? merged : { ...merged, loaded: true };
    }
    case 'added':
      return merge(state, [action.note]);
    case 'frame': {
      const frame = action.frame;
      if (frame.type !== 'note.added' || frame.conversationId !== state.conversationId) return state;
      return merge(state, [{ ...frame.payload.note, conversationId: frame.conversationId }]);
    }
  }
}
