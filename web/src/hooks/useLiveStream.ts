import { useEffect, useState, type RefObject } from 'react';
import type { MediaGrant } from '../api/types.ts';
import { playLiveMse } from '../lib/mse-player.ts';
import { useHls } from './useHls.ts';
import { playlistUrl } from './useMediaAccess.ts';

export type LivePath = 'mse' | 'hls';

const liveUrl = (cameraId: string) => `/api/media/live.mp4?cameraId=${encodeURIComponent(cameraId)}`;

/**
 * The live picture of a camera for a live grant. Default path: the recorder's own fMP4 fragments
 * streamed to Media Source Extensions (no transcoding). Fallback, when MSE, the codec or the stream
 * fails: the recorder's segments through an HLS playlist that hls.js reloads.
 */
export function useLiveStream(video: RefObject<HTMLVideoElement | null>, cameraId: string, grant: MediaGrant | undefined, preferred: LivePath = 'mse') {
  const [path, setPath] = useState<LivePath>(() => (typeof MediaSource === 'undefined' ? 'hls' : preferred));
  const [mseError, setMseError] = useState<string | null>(null);
  useEffect(() => {
    const element = video.current;
    if (path !== 'mse' || !grant || !element) return;
    const player = playLiveMse(element, liveUrl(cameraId), grant.token, (reason) => {
      setMseError(reason);
      setPath('hls');
    });
    return () => player.stop();
  }, [video, cameraId, grant, path]);
  const hls = useHls(video, path === 'hls' && grant ? playlistUrl(cameraId) : null, true, grant?.token);
  return { error: hls.error, path, mseError };
}
