import { useEffect, useState, type RefObject } from 'react';
import type { MediaGrant } from '../api/types.ts';
import { playLiveMse } from '../lib/mse-player.ts';
import { useHls } from './useHls.ts';
import { playlistUrl } from './useMediaAccess.ts';

export type LivePath = 'mse' | 'hls';

const liveUrl = (cameraId: string) => `/api/media/live.ws?cameraId=${encodeURIComponent(cameraId)}`;

/**
 * The live picture of a camera for a live grant. Default path: the recorder's own fMP4 chunks
 * over a WebSocket to Media Source Extensions (no transcoding). When the stream ends or fails (the camera
 * reconnected, the server restarted, the token ran out) `onLost` is called: the caller closes the
 * access and opens a new one after a backoff. Only when this browser cannot play it through MSE (the
 * codec) does it fall back to the recorder's segments through an HLS playlist that hls.js reloads.
 */
export function useLiveStream(video: RefObject<HTMLVideoElement | null>, cameraId: string, grant: MediaGrant | undefined, preferred: LivePath, onLost: () => void) {
  const [path, setPath] = useState<LivePath>(() => (typeof MediaSource === 'undefined' ? 'hls' : preferred));
  const [mseError, setMseError] = useState<string | null>(null);
  useEffect(() => {
    const element = video.current;
    if (path !== 'mse' || !grant || !element) return;
    const player = playLiveMse(element, liveUrl(cameraId), grant.token, (failure) => {
      setMseError(failure.reason);
      if (failure.kind === 'unsupported') setPath('hls');
      else onLost();
    });
    return () => player.stop();
  }, [video, cameraId, grant, path, onLost]);
  const hls = useHls(video, path === 'hls' && grant ? playlistUrl(cameraId) : null, true, grant?.token);
  return { error: hls.error, path, mseError };
}
