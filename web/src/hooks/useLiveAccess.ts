import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { http } from '../api/http.ts';
import type { MediaGrant, Reason } from '../api/types.ts';
import { useMediaAccess } from './useMediaAccess.ts';

/** Waits before the next attempt after a lost stream: 1, 2, 4, 8, 15, 15 … s. */
export const backoffMs = (failures: number): number => Math.min(15_000, 1000 * 2 ** Math.max(0, failures - 1));

/**
 * Ends a register entry. `keepalive` lets the request outlive the page (pagehide): the entry is closed
 * even when the tab is being closed.
 */
export function closeEntry(grant: MediaGrant, keepalive = false): Promise<unknown> {
  return http.POST('/api/access/{entryId}/close', { params: { path: { entryId: grant.registerEntryId } }, keepalive }).catch(() => undefined);
}

/** A refusal that another try will not change (no permission, no reason given): no automatic retry. */
const final = (error: unknown) => error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 409 && error.status !== 429;

/**
 * A live access for one camera while `active`: opened through the register (a reason when the server
 * asks for one), renewed before the media token expires, and closed whenever the view goes away: the
 * tile closes, the page is left or hidden (pagehide, with a keepalive request), or the stream is lost.
 * `lost()` closes the entry and opens a new one after a backoff; `playing()` resets the backoff.
 */
export function useLiveAccess(cameraId: string, active: boolean, askReason: () => Promise<Reason>) {
  const { live } = useMediaAccess(askReason);
  const [grant, setGrant] = useState<MediaGrant>();
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  const failures = useRef(0);
  const [attempt, setAttempt] = useState(0);
  const lost = useCallback(() => {
    failures.current += 1;
    setAttempt(failures.current);
    setGeneration((g) => g + 1);
  }, []);
  const playing = useCallback(() => {
    failures.current = 0;
    setAttempt(0);
  }, []);
  useEffect(() => {
    if (!active) return;
    let current: MediaGrant | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = async () => {
      if (stopped) return;
      try {
        const next = await live(cameraId);
        if (stopped) return void closeEntry(next);
        if (current) void closeEntry(current);
        current = next;
        setGrant(next);
        setError(undefined);
        timer = setTimeout(() => void open(), Math.max(30_000, Date.parse(next.expiresAt) - Date.now() - 60_000));
      } catch (e) {
        if (stopped) return;
        setError(e);
        if (!final(e)) {
          failures.current += 1;
          timer = setTimeout(() => void open(), backoffMs(failures.current));
        }
      }
    };
    // A first try after a tick (an effect set up and torn down at once, as in StrictMode, opens nothing);
    // after a lost stream, after the backoff.
    timer = setTimeout(() => void open(), generation === 0 ? 0 : backoffMs(failures.current));
    const onPageHide = () => {
      clearTimeout(timer);
      if (current) void closeEntry(current, true);
      current = undefined;
    };
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) setGeneration((g) => g + 1);
    };
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      if (current) void closeEntry(current);
      setGrant(undefined);
    };
  }, [cameraId, active, live, generation]);
  return { grant, error, lost, playing, attempt };
}
