import { describe, expect, it } from 'vitest';
import type { Note, ServerFrame } from '../api/types';
import { MAX_NOTE_PAGES, type NotesState, initialNotesState, notesReducer as reduce, readNotePages } from './notes';

function note(id: string, createdAt: string, conversationId = 'c1'): Note {
  return { id, conversationId, operatorId: 'op', operatorName: 'Anna', text: `note ${id}`, createdAt };
}

const added = (n: Note): ServerFrame => ({ type: 'note.added', conversationId: n.conversationId, payload: { eventId: `e-${n.id}`, note: n } });

function open(id = 'c1'): NotesState {
  return reduce(initialNotesState, { type: 'opened', conversationId: id });
}

describe('notesReducer', () => {
  it('merges the POST answer and the live event of the same note, oldest first', () => {
    let state = open();
    state = reduce(state, { type: 'loaded', conversationId: 'c1', notes: [note('n1', '2026-11-21T10:00:00Z')] });
    state = reduce(state, { type: 'added', note: note('n3', '2026-11-21T12:00:00Z') });
    state = reduce(state, { type: 'frame', frame: added(note('n3', '2026-11-21T12:00:00Z')) });
    state = reduce(state, { type: 'frame', frame: added(note('n2', '2026-11-21T11:00:00Z')) });
    expect(state.notes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(state.loaded).toBe(true);
  });

  it('keeps live notes that raced the initial load, and ignores other conversations', () => {
    let state = open();
    state = reduce(state, { type: 'frame', frame: added(note('live', '2026-11-21T12:00:00Z')) });
    state = reduce(state, { type: 'frame', frame: added(note('other', '2026-11-21T12:00:00Z', 'c2')) });
    state = reduce(state, { type: 'added', note: note('late', '2026-11-21T12:00:00Z', 'c2') });
    state = reduce(state, { type: 'loaded', conversationId: 'c1', notes: [note('old', '2026-11-21T09:00:00Z')] });
    state = reduce(state, { type: 'loaded', conversationId: 'c2', notes: [note('x', '2026-11-21T09:00:00Z', 'c2')] });
    expect(state.notes.map((n) => n.id)).toEqual(['old', 'live']);
  });

  it('starts empty for another conversation', () => {
    let state = reduce(open(), { type: 'added', note: note('n1', '2026-11-21T10:00:00Z') });
    state = reduce(state, { type: 'opened', conversationId: 'c2' });
    expect(state).toEqual({ conversationId: 'c2', notes: [], loaded: false, nextCursor: null, pages: 0 });
  });

  it('follows nextCursor page by page ("load more"), keeping live notes once', () => {
    let state = reduce(open(), { type: 'loaded', conversationId: 'c1', notes: [note('n1', '2026-11-21T10:00:00Z')], nextCursor: 'k1' });
    expect(state).toMatchObject({ loaded: true, nextCursor: 'k1', pages: 1 });
    state = reduce(state, { type: 'frame', frame: added(note('n9', '2026-11-21T19:00:00Z')) });
    state = reduce(state, { type: 'moreLoaded', conversationId: 'c1', notes: [note('n2', '2026-11-21T11:00:00Z')], nextCursor: 'k2' });
    state = reduce(state, { type: 'moreLoaded', conversationId: 'c1', notes: [note('n3', '2026-11-21T12:00:00Z'), note('n9', '2026-11-21T19:00:00Z')], nextCursor: null });
    expect(state.notes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3', 'n9']);
    expect(state).toMatchObject({ nextCursor: null, pages: 3 });
    // a page for a conversation no longer open changes nothing
    expect(reduce(state, { type: 'moreLoaded', conversationId: 'c2', notes: [note('x', '2026-11-21T12:00:00Z', 'c2')], nextCursor: 'z' })).toBe(state);
  });

  it('reads as many pages as asked, stopping at the last one', async () => {
    const pages: Record<string, { items: Note[]; nextCursor: string | null }> = {
      start: { items: [note('a', '2026-11-21T10:00:00Z')], nextCursor: 'p2' },
      p2: { items: [note('b', '2026-11-21T11:00:00Z')], nextCursor: 'p3' },
      p3: { items: [note('c', '2026-11-21T12:00:00Z')], nextCursor: null },
    };
    const asked: (string | null)[] = [];
    const fetchPage = async (cursor: string | null) => {
      asked.push(cursor);
      return pages[cursor ?? 'start'];
    };
    expect(await readNotePages(fetchPage, 1)).toMatchObject({ nextCursor: 'p2', pages: 1 });
    expect(await readNotePages(fetchPage, 0)).toMatchObject({ pages: 1 });
    asked.length = 0;
    const all = await readNotePages(fetchPage, 10);
    expect(all.notes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(all).toMatchObject({ nextCursor: null, pages: 3 });
    expect(asked).toEqual([null, 'p2', 'p3']);
    // a server that never ends the cursor is read at most MAX_NOTE_PAGES times
    let calls = 0;
    const endless = async () => ({ items: [note(`n${calls++}`, '2026-11-21T10:00:00Z')], nextCursor: 'again' });
    expect((await readNotePages(endless, 1_000)).pages).toBe(MAX_NOTE_PAGES);
  });
});
