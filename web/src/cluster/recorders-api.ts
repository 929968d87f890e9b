/** The recorder processes as the UI reaches them: types from the generated schema, calls through the typed client. */
import { useEffect, useRef } from 'react';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { useAsync, type AsyncState } from '../hooks/useAsync.ts';

export type RecordersAnswer = ResponseOf<'/api/cluster/recorders'>;
export type RecorderNode = RecordersAnswer['nodes'][number];

/** A recorder's state shows within this. */
export const RECORDERS_POLL_MS = 3000;

export const listRecorders = () => ok(http.GET('/api/cluster/recorders'));

/** The recorders, asked again every RECORDERS_POLL_MS while the page is visible. */
export function useRecorders(): AsyncState<RecordersAnswer> {
  const state = useAsync(listRecorders, []);
  const reload = useRef(state.reload);
  reload.current = state.reload;
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload.current();
    }, RECORDERS_POLL_MS);
    return () => clearInterval(timer);
  }, []);
  return state;
}
