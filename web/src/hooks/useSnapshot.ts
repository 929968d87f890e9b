import { useEffect } from 'react';
import type { MediaGrant } from '../api/types.ts';
import { mediaHeaders, snapshotUrl } from './useMediaAccess.ts';

/** The first segment of a new live access closes after one segment length; then once a minute (ffmpeg runs once per segment). */
const FIRST_MS = 12_000;
const EVERY_MS = 60_000;

/** While a live access is open, keeps a JPEG of the newest recorded keyframe (for the tile when it pauses). */
export function useSnapshot(cameraId: string, grant: MediaGrant | undefined, onSnapshot: (objectUrl: string) => void): void {
  useEffect(() => {
    if (!grant) return;
    let stopped = false;
    const take = async () => {
      const response = await fetch(snapshotUrl(cameraId), { credentials: 'same-origin', headers: mediaHeaders(grant.token) });
      if (response.ok && !stopped) onSnapshot(URL.createObjectURL(await response.blob()));
    };
    let timer: ReturnType<typeof setInterval> | undefined;
    const first = setTimeout(() => {
      void take().catch(() => undefined);
      timer = setInterval(() => void take().catch(() => undefined), EVERY_MS);
    }, FIRST_MS);
    return () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [cameraId, grant, onSnapshot]);
}
