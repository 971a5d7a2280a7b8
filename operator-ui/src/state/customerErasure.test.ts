import { describe, expect, it } from 'vitest';
import { erasedConversationIds, erasureConfirmationMatches, normalizeConfirmationName } from './customerErasure';

describe('erasure confirmation', () => {
  it('matches only the customer display name, exactly (case-sensitive)', () => {
    expect(erasureConfirmationMatches('Maya Levi', 'Maya Levi')).toBe(true);
    expect(erasureConfirmationMatches('maya levi', 'Maya Levi')).toBe(false);
    expect(erasureConfirmationMatches('Maya', 'Maya Levi')).toBe(false);
    expect(erasureConfirmationMatches('Maya Levi!', 'Maya Levi')).toBe(false);
    expect(erasureConfirmationMatches('', 'Maya Levi')).toBe(false);
  });

  it('ignores surrounding and repeated whitespace and Unicode composition', () => {
    expect(erasureConfirmationMatches('  Maya   Levi ', 'Maya Levi')).toBe(true);
    expect(erasureConfirmationMatches('Maya\tLevi', 'Maya  Levi')).toBe(true);
    // "é" typed as e + combining acute accent
    expect(erasureConfirmationMatches('Jose\u0301', 'Jos\u00e9')).toBe(true);
    expect(erasureConfirmationMatches('مریم', 'مریم')).toBe(true);
    expect(normalizeConfirmationName(' a \n b ')).toBe('a b');
  });

  it('never matches an empty or blank name, whatever is typed', () => {
    expect(erasureConfirmationMatches('', '')).toBe(false);
    expect(erasureConfirmationMatches(' ', '  ')).toBe(false);
    expect(erasureConfirmationMatches('x', null)).toBe(false);
  });

  it('removes the profile conversations and the one the panel was opened from, each once', () => {
    const profile = { conversations: [
      { id: 'c1', codename: 'A', status: 'CLOSED' as const, createdAt: '', closedAt: '' },
      { id: 'c2', codename: 'B', status: 'OPEN_UNCLAIMED' as const, createdAt: '', closedAt: null },
    ] };
    expect(erasedConversationIds(profile, 'c2')).toEqual(['c1', 'c2']);
    expect(erasedConversationIds(profile, 'c9')).toEqual(['c1', 'c2', 'c9']);
    expect(erasedConversationIds(null, 'c9')).toEqual(['c9']);
  });
});
