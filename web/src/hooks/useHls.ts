import Hls, { type Fragment } from 'hls.js';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { MEDIA_TOKEN_HEADER, withTokenInUrl } from './useMediaAccess.ts';

export interface HlsHandle {
  /** The wall clock (ms) of a media time, from the playlist's PROGRAM-DATE-TIME. */
  wallAt(time: number): number | null;
  /** The media time of a wall-clock instant (ms), or null when no fragment holds it. */
  timeAt(wallMs: number): number | null;
}

function fragmentsOf(hls: Hls | null): Fragment[] {
  if (!hls) return [];
  const level = hls.levels[hls.currentLevel >= 0 ? hls.currentLevel : 0];
  return level?.details?.fragments ?? [];
}

/**
 * Plays an HLS URL in the video element through hls.js (or natively where the browser can). The media
 * token goes in the x-media-token header of every playlist and segment request; only native HLS, which
 * cannot send headers, gets it in the URL.
 */
export function useHls(video: RefObject<HTMLVideoElement | null>, src: string | null, live = false, token?: string): { error: string | null; ready: boolean; handle: HlsHandle } {
  const hlsRef = useRef<Hls | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const element = video.current;
    setError(null);
    setReady(false);
    if (!element || !src) return;
    if (Hls.isSupported()) {
      const xhrSetup = (xhr: XMLHttpRequest) => {
        if (token) xhr.setRequestHeader(MEDIA_TOKEN_HEADER, token);
      };
      const hls = new Hls(
        live ? { xhrSetup, liveSyncDurationCount: 1, liveMaxLatencyDurationCount: 3, manifestLoadingMaxRetry: 30, manifestLoadingRetryDelay: 1000 } : { xhrSetup, maxBufferLength: 30 },
      );
      hlsRef.current = hls;
      hls.on(Hls.Events.MANIFEST_PARSED, () => setReady(true));
      // A live playlist is empty until the access's first segment closes: try again for a while.
      let retries = 0;
      let retry: ReturnType<typeof setTimeout> | undefined;
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        if (live && retries++ < 60) retry = setTimeout(() => hls.loadSource(src), 2000);
        else setError(String(data.details));
      });
      // The wall clock of the picture shown (PROGRAM-DATE-TIME), for latency readings and tests.
      const stamp = () => {
        const frag = fragmentsOf(hls).find((f) => element.currentTime >= f.start && element.currentTime < f.start + f.duration);
        if (frag?.programDateTime != null) element.dataset.wallClock = String(Math.round(frag.programDateTime + (element.currentTime - frag.start) * 1000));
      };
      element.addEventListener('timeupdate', stamp);
      hls.loadSource(src);
      hls.attachMedia(element);
      return () => {
        clearTimeout(retry);
        element.removeEventListener('timeupdate', stamp);
        hls.destroy();
        hlsRef.current = null;
      };
    }
    if (element.canPlayType('application/vnd.apple.mpegurl')) {
      element.src = token ? withTokenInUrl(src, token) : src;
      setReady(true);
      return () => {
        element.removeAttribute('src');
        element.load();
      };
    }
    setError('HLS_UNSUPPORTED');
    return undefined;
  }, [video, src, live, token]);

  const handle: HlsHandle = {
    wallAt(time) {
      const frag = fragmentsOf(hlsRef.current).find((f) => time >= f.start && time < f.start + f.duration);
      return frag?.programDateTime != null ? frag.programDateTime + (time - frag.start) * 1000 : null;
    },
    timeAt(wallMs) {
      const frag = fragmentsOf(hlsRef.current).find((f) => f.programDateTime != null && wallMs >= f.programDateTime && wallMs < f.programDateTime + f.duration * 1000);
      return frag?.programDateTime != null ? frag.start + (wallMs - frag.programDateTime) / 1000 : null;
    },
  };
  return { error, ready, handle };
}
