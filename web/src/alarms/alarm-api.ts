/** The alarms the UI shows: typed from the API, fetched within the caller's reach, polled while visible. */
import { useEffect, useRef } from 'react';
import { http, ok, type ResponseOf } from '../api/http.ts';
import type { paths } from '../api/schema.d.ts';
import { useAsync, type AsyncState } from '../hooks/useAsync.ts';

export type Alarm = ResponseOf<'/api/alarms'>[number];
export type AlarmCategory = Alarm['category'];
export type AlarmListQuery = NonNullable<paths['/api/alarms']['get']['parameters']['query']>;

export const ALARM_CATEGORIES: AlarmCategory[] = ['TAMPER', 'HEALTH', 'SECURITY', 'DEVICE', 'COMPLIANCE'];
/** How often open pages ask again: new alarms show within this. */
export const POLL_MS = 5000;

export const listAlarms = (query: AlarmListQuery) => ok(http.GET('/api/alarms', { params: { query } }));

/** Loads with `loader` and again every POLL_MS while the page is visible. */
export function usePolled<T>(loader: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const state = useAsync(loader, deps);
  const reload = useRef(state.reload);
  reload.current = state.reload;
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload.current();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, []);
  return state;
}

/** A Beijing-time calendar day (YYYY-MM-DD) as the instants it starts and ends. */
export function shanghaiDay(day: string): { from: string; to: string } {
  const from = Date.parse(`${day}T00:00:00+08:00`);
  return { from: new Date(from).toISOString(), to: new Date(from + 86_400_000).toISOString() };
}
