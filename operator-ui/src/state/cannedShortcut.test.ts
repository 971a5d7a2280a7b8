import { describe, expect, it } from 'vitest';
import type { CannedResponse } from '../api/types';
import {
  expandOnSpace,
  expandShortcut,
  filterCannedResponses,
  insertSeparated,
  replaceRange,
  shortcutTokenAt,
  suggestShortcuts,
} from './cannedShortcut';

function canned(id: string, shortcut: string | null, extra: Partial<CannedResponse> = {}): CannedResponse {
  return {
    id, title: `Title ${id}`, text: `Text of ${id}`, category: null, shortcut, shared: true, ownerId: null,
    usageCount: 0, createdAt: '2026-11-21T00:00:00Z', updatedAt: '2026-11-21T00:00:00Z', ...extra,
  };
}

const responses = [
  canned('refund', 'refund', { text: 'We have refunded your order.' }),
  canned('refund-late', 'refund-late', { usageCount: 9 }),
  canned('hello', 'hi', { title: 'Greeting' }),
  canned('nosc', null, { title: 'Refund policy (long)' }),
];

describe('shortcutTokenAt', () => {
  it('finds a /shortcut at the start or after whitespace, ending at the caret', () => {
    expect(shortcutTokenAt('/ref', 4)).toEqual({ start: 0, end: 4, query: 'ref' });
    expect(shortcutTokenAt('Hello /Refund', 13)).toEqual({ start: 6, end: 13, query: 'refund' });
    expect(shortcutTokenAt('line\n/', 6)).toEqual({ start: 5, end: 6, query: '' });
    expect(shortcutTokenAt('/refund tail', 7)).toEqual({ start: 0, end: 7, query: 'refund' });
  });

  it('ignores slashes inside words, URLs, and carets in the middle of a word', () => {
    expect(shortcutTokenAt('and/or', 6)).toBeNull();
    expect(shortcutTokenAt('see https://x.io/refund', 23)).toBeNull();
    expect(shortcutTokenAt('/refund', 3)).toBeNull();
    expect(shortcutTokenAt('/re fund', 8)).toBeNull();
    expect(shortcutTokenAt('', 0)).toBeNull();
    expect(shortcutTokenAt('/a.b', 4)).toBeNull();
  });
});

describe('expansion', () => {
  it('replaces /refund with the response text when Tab is pressed (the key is not inserted)', () => {
    const edit = expandShortcut('Hi! /refund', 11, responses);
    expect(edit).toMatchObject({ text: 'Hi! We have refunded your order.', caret: 32 });
    expect(edit?.response.id).toBe('refund');
  });

  it('replaces "/refund " typed or filled in, space included, and keeps the text after the caret', () => {
    expect(expandOnSpace('/refund ', 8, responses)?.text).toBe('We have refunded your order.');
    const middle = expandOnSpace('A /refund  B', 10, responses);
    expect(middle).toMatchObject({ text: 'A We have refunded your order. B', caret: 30 });
  });

  it('does nothing for unknown shortcuts, partial ones, or a space typed elsewhere', () => {
    expect(expandShortcut('/ref', 4, responses)).toBeNull();
    expect(expandOnSpace('/ref ', 5, responses)).toBeNull();
    expect(expandOnSpace('/refund', 7, responses)).toBeNull();
    expect(expandOnSpace('hello world ', 12, responses)).toBeNull();
    expect(expandOnSpace(' ', 1, responses)).toBeNull();
  });

  it('replaces a range and puts the caret after the insertion', () => {
    expect(replaceRange('abcdef', 2, 4, 'XYZ')).toEqual({ text: 'abXYZef', caret: 5 });
  });
});

describe('suggestions', () => {
  it('lists shortcut prefix matches (exact first, then by usage) before title matches', () => {
    expect(suggestShortcuts('refund', responses).map((r) => r.id)).toEqual(['refund', 'refund-late', 'nosc']);
    expect(suggestShortcuts('ref', responses).map((r) => r.id)).toEqual(['refund-late', 'refund', 'nosc']);
    expect(suggestShortcuts('', responses).map((r) => r.id)).toEqual(['refund-late', 'hello', 'refund']);
    expect(suggestShortcuts('zzz', responses)).toEqual([]);
    expect(suggestShortcuts('', responses, 2)).toHaveLength(2);
  });

  it('filters the picker over title, shortcut, category and text', () => {
    expect(filterCannedResponses('greet', responses).map((r) => r.id)).toEqual(['hello']);
    expect(filterCannedResponses('/hi', responses).map((r) => r.id)).toEqual(['hello']);
    expect(filterCannedResponses('refunded', responses).map((r) => r.id)).toEqual(['refund']);
    expect(filterCannedResponses('', responses)[0].id).toBe('refund-late');
  });
});

describe('insertSeparated (picker)', () => {
  it('inserts at the caret, separated from a preceding word, replacing a selection', () => {
    expect(insertSeparated('Hello', 5, 5, 'X')).toEqual({ text: 'Hello X', caret: 7 });
    expect(insertSeparated('Hello ', 6, 6, 'X')).toEqual({ text: 'Hello X', caret: 7 });
    expect(insertSeparated('', 0, 0, 'X')).toEqual({ text: 'X', caret: 1 });
    expect(insertSeparated('a bcd e', 2, 5, 'X')).toEqual({ text: 'a X e', caret: 3 });
  });
});
