/**
 * The release's source range in the editor's video element: a playback access with the release as
 * its basis (PUBLIC_RELEASE, so the register records why), the VOD playlist through hls.js, closed
 * again when the editor goes away.
 */
import { useEffect, useState, type RefObject } from 'react';
import { http, ok } from '../../api/http.ts';
import { useHls } from '../../hooks/useHls.ts';
import { closeAccess, playlistUrl } from '../../hooks/useMediaAccess.ts';

export function useSourcePlayback(video: RefObject<HTMLVideoElement | null>, release: { id: string; cameraId: string; from: string; to: string }, reasonText: string) {
  const [grant, setGrant] = useState<{ token: string; entryId: string }>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let entryId: string | null = null;
    let current = true;
    const open = async () => {
      const answer = await ok(
        http.POST('/api/access/playback', {
          body: { cameraId: release.cameraId, from: release.from, to: release.to, reason: { category: 'PUBLIC_RELEASE', text: reasonText }, basis: { type: 'PUBLIC_RELEASE', ref: release.id } },
        }),
      );
      entryId = answer.registerEntryId;
      if (current) setGrant({ token: answer.token, entryId: answer.registerEntryId });
      else await closeAccess(answer.registerEntryId);
    };
    open().catch((e: unknown) => current && setError(e));
    return () => {
      current = false;
      if (entryId) void closeAccess(entryId, true).catch(() => undefined);
    };
  }, [release.id, release.cameraId, release.from, release.to, reasonText]);
  const hls = useHls(video, grant ? playlistUrl(release.cameraId) : null, false, grant?.token);
  return { ready: hls.ready, error: error ?? hls.error };
}
