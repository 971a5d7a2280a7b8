import type { Note, Page, ServerFrame } from '../api/types';

/** The open conversation's private notes, oldest first. */
export interface NotesState {
  conversationId: string | null;
  notes: Note[];
  loaded: boolean;
  /** Cursor of the next (newer) page of `GET …/notes`, null when every page is loaded. */
  nextCursor: string | null;
  /** How many pages are loaded (a reload after a reconnect reads as many again). */
  pages: number;
}

export type NotesAction =
  | { type: 'opened'; conversationId: string | null }
  /**
   * `GET …/notes` from the first page on, `pages` pages of it (default 1), merged with live ones that raced it;
   * `nextCursor` is the last page's (absent = no more).
   */
  | { type: 'loaded'; conversationId: string; notes: Note[]; nextCursor?: string | null; pages?: number }
  /** The next page ("load more"), read with the state's `nextCursor`. */
  | { type: 'moreLoaded'; conversationId: string; notes: Note[]; nextCursor: string | null }
  /** The answer of `POST …/notes`. */
  | { type: 'added'; note: Note }
  | { type: 'frame'; frame: ServerFrame };

export const initialNotesState: NotesState = { conversationId: null, notes: [], loaded: false, nextCursor: null, pages: 0 };

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
 * Notes of the open conversation: loaded a page at a time when it opens (more pages on request, following
 * `nextCursor`), appended from the POST answer and from `note.added` events (the same note from any two of these is
 * kept once), ordered by `createdAt`.
 */
export function notesReducer(state: NotesState, action: NotesAction): NotesState {
  switch (action.type) {
    case 'opened':
      if (action.conversationId === state.conversationId) return state;
      return { ...initialNotesState, conversationId: action.conversationId };
    case 'loaded': {
      if (action.conversationId !== state.conversationId) return state;
      const merged = merge(state, action.notes);
      return { ...merged, loaded: true, nextCursor: action.nextCursor ?? null, pages: Math.max(1, action.pages ?? 1) };
    }
    case 'moreLoaded': {
      if (action.conversationId !== state.conversationId || !state.loaded) return state;
      const merged = merge(state, action.notes);
      return { ...merged, nextCursor: action.nextCursor, pages: state.pages + 1 };
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

/** Most pages one reload reads (guards against a server that never ends the cursor). */
export const MAX_NOTE_PAGES = 50;

/**
 * Reads `pages` pages of notes from the first one on (at least one, at most {@link MAX_NOTE_PAGES}), following
 * `nextCursor`; stops early at the last page. Answers the notes, the cursor after them and how many pages were read.
 */
export async function readNotePages(fetchPage: (cursor: string | null) => Promise<Page<Note>>, pages: number):
  Promise<{ notes: Note[]; nextCursor: string | null; pages: number }> {
  const wanted = Math.min(MAX_NOTE_PAGES, Math.max(1, pages));
  const notes: Note[] = [];
  let cursor: string | null = null;
  let read = 0;
  do {
    const page: Page<Note> = await fetchPage(cursor);
    notes.push(...page.items);
    cursor = page.nextCursor ?? null;
    read += 1;
  } while (cursor && read < wanted);
  return { notes, nextCursor: cursor, pages: read };
}
