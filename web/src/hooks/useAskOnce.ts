import { useCallback, useRef } from 'react';
import type { Reason } from '../api/types.ts';

/** One reason for a whole page (a grid opens several live views): the dialog is asked at most once until it succeeds. */
export function useAskOnce(ask: () => Promise<Reason>): () => Promise<Reason> {
  const pending = useRef<Promise<Reason> | null>(null);
  return useCallback(() => {
    pending.current ??= ask().catch((error: unknown) => {
      pending.current = null;
      throw error;
    });
    return pending.current;
  }, [ask]);
}
