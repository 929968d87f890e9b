import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { MediaGrant, Reason } from '../api/types.ts';
import { useHls } from './useHls.ts';
import { closeAccess, playlistUrl, useMediaAccess } from './useMediaAccess.ts';

/** How much footage one access covers from the chosen instant (the register records the range). */
export const PLAYBACK_WINDOW_MS = 30 * 60_000;
const FRAME_S = 1 / 25;

/**
 * Playback of one camera: an access (reason, register entry) for a window from the chosen instant,
 * the VOD playlist through hls.js, seeking by wall clock, speed, frame steps, and where the video is.
 */
export function usePlayback(video: RefObject<HTMLVideoElement | null>, cameraId: string, askReason: () => Promise<Reason>) {
  const { playback } = useMediaAccess(askReason);
  const [grant, setGrant] = useState<{ grant: MediaGrant; from: number; to: number; start: number }>();
  const [error, setError] = useState<unknown>();
  const [position, setPosition] = useState<number | null>(null);
  const [speed, setSpeedState] = useState(1);
  const src = grant ? playlistUrl(cameraId) : null;
  const hls = useHls(video, src, false, grant?.grant.token);

  // The open register entry is closed when the access ends: another access replaces it, the camera
  // changes, the stream ends, the viewer navigates away (unmount) or the page is hidden for good
  // (pagehide: keepalive, so the request outlives the page). Each entry is closed once.
  const open = useRef<string | null>(null);
  const end = useCallback((keepalive = false) => {
    const entryId = open.current;
    open.current = null;
    if (entryId) void closeAccess(entryId, keepalive).catch(() => undefined);
  }, []);
  useEffect(() => {
    open.current = grant?.grant.registerEntryId ?? null;
    return () => end(true);
  }, [grant, end]);
  useEffect(() => {
    const onPageHide = () => end(true);
    // Back from the back-forward cache: the access was closed on the way out, its token no longer plays.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) setGrant(undefined);
    };
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
    };
  }, [end]);
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const onEnded = () => {
      end();
      setGrant(undefined);
    };
    element.addEventListener('ended', onEnded);
    return () => element.removeEventListener('ended', onEnded);
  }, [video, end]);

  useEffect(() => setGrant(undefined), [cameraId]);

  // Once the playlist is in, go to the chosen instant and play.
  useEffect(() => {
    const element = video.current;
    if (!hls.ready || !element || !grant) return;
    const time = hls.handle.timeAt(grant.start) ?? 0;
    element.currentTime = time;
    element.playbackRate = speed;
    void element.play().catch(() => undefined);
  }, [hls.ready, grant]);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const onTime = () => setPosition(hls.handle.wallAt(element.currentTime));
    element.addEventListener('timeupdate', onTime);
    return () => element.removeEventListener('timeupdate', onTime);
  });

  /** Plays from a wall-clock instant: within the open access it seeks, otherwise it opens a new one. */
  const playFrom = useCallback(
    async (at: number) => {
      setError(undefined);
      const element = video.current;
      if (grant && element && at >= grant.from && at < grant.to) {
        const time = hls.handle.timeAt(at);
        if (time !== null) {
          element.currentTime = time;
          void element.play().catch(() => undefined);
          return;
        }
      }
      try {
        const from = new Date(at - 1000);
        const to = new Date(Math.min(at + PLAYBACK_WINDOW_MS, Date.now()));
        if (to <= from) return;
        setGrant({ grant: await playback(cameraId, from, to), from: from.getTime(), to: to.getTime(), start: at });
      } catch (e) {
        if (!(e instanceof Error && e.message === 'cancelled')) setError(e);
      }
    },
    [cameraId, grant, hls.handle, playback, video],
  );

  const setSpeed = (rate: number) => {
    setSpeedState(rate);
    if (video.current) video.current.playbackRate = rate;
  };
  const step = (frames: number) => {
    const element = video.current;
    if (!element) return;
    element.pause();
    element.currentTime = Math.max(0, element.currentTime + frames * FRAME_S);
  };
  const toggle = () => {
    const element = video.current;
    if (!element) return;
    if (element.paused) void element.play().catch(() => undefined);
    else element.pause();
  };
  return { playFrom, grant: grant?.grant, entryId: grant?.grant.registerEntryId ?? null, error: error ?? hls.error, position, speed, setSpeed, step, toggle };
}
