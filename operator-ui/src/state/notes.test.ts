import { describe, expect, it } from 'vitest';
import type { Note, ServerFrame } from '../api/types';
import { type NotesState, initialNotesState, notesReducer as reduce } from './notes';

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
});
