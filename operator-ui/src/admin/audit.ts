/** `current` followed by the entries of `next` not already shown (pages may overlap when new entries arrive). */
export function appendAudit<T extends { id: string | number }>(current: readonly T[], next: readonly T[]): T[] {
  const seen = new Set(current.map((entry) => entry.id));
  const added = next.filter((entry) => !seen.has(entry.id) && (seen.add(entry.id), true));
  return [...current, ...added];
}

function compact(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    // before/after may arrive as JSON text instead of an object
    try {
      return compact(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([name, field]) => `${name}=${field !== null && typeof field === 'object' ? JSON.stringify(field) : String(field)}`)
    .join(', ');
}

/**
 * A one-line description of an audit entry's change: `status=OPEN_UNCLAIMED → status=OPEN_ASSIGNED, assigneeId=…`;
 * only one side when the other is empty; empty when neither has anything (e.g. after erasure).
 */
export function describeChange(before: unknown, after: unknown): string {
  const from = compact(before);
  const to = compact(after);
  if (from && to) return `${from} → ${to}`;
  if (to) return `→ ${to}`;
  return from;
}
