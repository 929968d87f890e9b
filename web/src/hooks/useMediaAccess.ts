import { useCallback } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { MediaGrant, Reason } from '../api/types.ts';

/**
 * Opening video through the access register: playback always with a reason; live view first without
 * one (a duty shift needs none) and, when the server asks for it, with a reason from the dialog.
 */
export function useMediaAccess(askReason: () => Promise<Reason>) {
  const live = useCallback(
    async (cameraId: string, reason?: Reason): Promise<MediaGrant> => {
      try {
        return await api<MediaGrant>('/api/access/live', { method: 'POST', body: { cameraId, ...(reason ? { reason } : {}) } });
      } catch (error) {
        if (reason || !(error instanceof ApiError) || error.code !== 'E_REASON_REQUIRED') throw error;
        return api<MediaGrant>('/api/access/live', { method: 'POST', body: { cameraId, reason: await askReason() } });
      }
    },
    [askReason],
  );

  const playback = useCallback(
    async (cameraId: string, from: Date, to: Date): Promise<MediaGrant> => {
      const reason = await askReason();
      return api<MediaGrant>('/api/access/playback', { method: 'POST', body: { cameraId, from: from.toISOString(), to: to.toISOString(), reason } });
    },
    [askReason],
  );

  return { live, playback };
}

export const playlistUrl = (grant: MediaGrant, cameraId: string): string =>
  `/api/media/playlist.m3u8?token=${encodeURIComponent(grant.token)}&cameraId=${encodeURIComponent(cameraId)}`;
export const snapshotUrl = (grant: MediaGrant, cameraId: string): string =>
  `/api/media/snapshot.jpg?token=${encodeURIComponent(grant.token)}&cameraId=${encodeURIComponent(cameraId)}`;
