import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/ApiClient';
import type { CannedResponse, Operator, Tag } from '../api/types';
import type { Viewer } from '../state/conversationActions';

/** Reference data the conversation workflow components share: who is looking, operators, tags, canned responses. */
export interface ConsoleData {
  viewer: Viewer;
  /** Every operator (active or not), to name assignees. */
  operators: Operator[];
  /** Display name of an operator id, or null when unknown. */
  operatorName: (id: string | null | undefined) => string | null;
  tags: Tag[];
  reloadTags: () => void;
  canned: CannedResponse[];
  reloadCanned: () => void;
}

export const ConsoleDataContext = createContext<ConsoleData | null>(null);

export function useConsoleData(): ConsoleData {
  const data = useContext(ConsoleDataContext);
  if (!data) throw new Error('ConsoleDataContext is missing');
  return data;
}

/** A list loaded once and on demand (`reload`); keeps the last answer when a reload fails. */
function useReloadable<T>(load: () => Promise<T[]>): [T[], () => void] {
  const [items, setItems] = useState<T[]>([]);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let cancelled = false;
    load().then(
      (result) => {
        if (!cancelled) setItems(result);
      },
      () => {
        // keep what we had; the next reload retries
      },
    );
    return () => {
      cancelled = true;
    };
  }, [load, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [items, reload];
}

/** Loads operators, tags and canned responses for the console; `reloadOperators` after a reconnect. */
export function useConsoleReferenceData(api: ApiClient, viewer: Viewer): ConsoleData & { reloadOperators: () => void } {
  const [operators, reloadOperators] = useReloadable(useCallback(() => api.operators(), [api]));
  const [tags, reloadTags] = useReloadable(useCallback(() => api.listTags(), [api]));
  const [canned, reloadCanned] = useReloadable(useCallback(() => api.listCannedResponses(), [api]));
  const names = useMemo(() => new Map(operators.map((o) => [o.id, o.displayName || o.username])), [operators]);
  const operatorName = useCallback((id: string | null | undefined) => (id ? names.get(id) ?? null : null), [names]);
  return useMemo(
    () => ({ viewer, operators, operatorName, tags, reloadTags, canned, reloadCanned, reloadOperators }),
    [viewer, operators, operatorName, tags, reloadTags, canned, reloadCanned, reloadOperators],
  );
}
