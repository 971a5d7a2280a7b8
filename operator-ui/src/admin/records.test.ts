import { describe, expect, it } from 'vitest';
import { MAX_BULK_DELETE_IDS, startOfLocalDay, validateClosedBefore, validateIds } from './records';

const NOW = new Date(2026, 10, 21, 15, 30); // 21 Nov 2026, 15:30 local time

describe('records: closed-before date', () => {
  it('sends the start of the chosen day (local time) as an ISO instant, status CLOSED', () => {
    const result = validateClosedBefore('2025-01-01', NOW);
    expect(result.error).toBeUndefined();
    expect(result.request).toEqual({ filter: { status: 'CLOSED', closedBefore: new Date(2025, 0, 1).toISOString() } });
    expect(result.cutoff?.getHours()).toBe(0);
    expect(validateClosedBefore(' 2025-01-01 ', NOW).request).not.toBeNull();
  });

  it('requires a date', () => {
    expect(validateClosedBefore('', NOW)).toEqual({ request: null, cutoff: null, error: { key: 'records.error.dateRequired' } });
    expect(validateClosedBefore('   ', NOW).error?.key).toBe('records.error.dateRequired');
  });

  it('refuses what is not a real calendar date', () => {
    for (const value of ['2025-02-30', '2025-13-01', '2025-1-1', '01.01.2025', 'yesterday', '2025-01-01T00:00']) {
      expect(validateClosedBefore(value, NOW).error?.key, value).toBe('records.error.dateFormat');
      expect(validateClosedBefore(value, NOW).request, value).toBeNull();
    }
    expect(startOfLocalDay('2024-02-29')).toEqual(new Date(2024, 1, 29));
    expect(startOfLocalDay('2025-02-29')).toBeNull();
  });

  it('allows today at most (a later day would take conversations closed after now too)', () => {
    expect(validateClosedBefore('2026-11-21', NOW).request?.filter.closedBefore).toBe(new Date(2026, 10, 21).toISOString());
    expect(validateClosedBefore('2026-11-22', NOW)).toMatchObject({ request: null, error: { key: 'records.error.dateFuture' } });
  });
});

describe('records: conversation ids', () => {
  const a = '3f0c1e2a-9b7d-4c1e-8f00-0123456789ab';
  const b = '3F0C1E2A-9B7D-4C1E-8F00-0123456789AC';

  it('reads ids one per line (or comma/space separated), lower-cased, duplicates once', () => {
    const result = validateIds(`${a}\n ${b}, ${a.toUpperCase()} ;\n\n`);
    expect(result.error).toBeUndefined();
    expect(result.request).toEqual({ ids: [a, b.toLowerCase()] });
  });

  it('requires at least one id and only UUIDs', () => {
    expect(validateIds(' \n ')).toMatchObject({ request: null, error: { key: 'records.error.idsRequired' } });
    const bad = validateIds(`${a}\nnot-an-id\n1234`);
    expect(bad).toMatchObject({ request: null, invalid: ['not-an-id', '1234'], error: { key: 'records.error.idsInvalid', params: { count: 2 } } });
  });

  it(`takes at most ${MAX_BULK_DELETE_IDS} distinct ids`, () => {
    const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    const max = Array.from({ length: MAX_BULK_DELETE_IDS }, (_, i) => id(i));
    expect(validateIds(max.join('\n')).request?.ids).toHaveLength(MAX_BULK_DELETE_IDS);
    expect(validateIds([...max, max[0]].join('\n')).request?.ids).toHaveLength(MAX_BULK_DELETE_IDS);
    expect(validateIds([...max, id(MAX_BULK_DELETE_IDS)].join('\n'))).toMatchObject({
      request: null, error: { key: 'records.error.idsTooMany', params: { max: MAX_BULK_DELETE_IDS } },
    });
  });
});
