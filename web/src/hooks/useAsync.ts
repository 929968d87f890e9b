import { useCallback, useEffect, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs the loader when its dependencies change; the latest answer wins. */
export function useAsync<T>(loader: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const load = useCallback(loader, deps);
  useEffect(() => {
    let current = true;
    setLoading(true);
    load()
      .then((value) => {
        if (current) {
          setData(value);
          setError(undefined);
          setLoading(false);
        }
        return undefined;
      })
      .catch((reason: unknown) => {
        if (!current) return;
        setError(reason);
        setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [load, tick]);
  return { data, error, loading, reload: () => setTick((n) => n + 1) };
}
