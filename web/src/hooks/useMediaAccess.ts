import { useCallback } from 'react';
import { ApiError } from '../api/client.ts';
import { http, ok } from '../api/http.ts';
import type { MediaGrant, Reason } from '../api/types.ts';

/** A live access as the players take it (a live grant names no recorded segments). */
const openLive = async (cameraId: string, reason?: Reason): Promise<MediaGrant> => {
  const { registerEntryId, token, expiresAt } = await ok(http.POST('/api/access/live', { body: { cameraId, ...(reason ? { reason } : {}) } }));
  return { registerEntryId, token, expiresAt, segments: [] };
};

/**
 * Opening video through the access register: playback always with a reason; live view first without
 * one (a duty shift needs none) and, when the server asks for it, with a reason from the dialog.
 */
export function useMediaAccess(askReason: () => Promise<Reason>) {
  const live = useCallback(
    async (cameraId: string, reason?: Reason): Promise<MediaGrant> => {
      try {
        return await openLive(cameraId, reason);
      } catch (error) {
        if (reason || !(error instanceof ApiError) || error.code !== 'E_REASON_REQUIRED') throw error;
        return await openLive(cameraId, await askReason());
      }
    },
    [askReason],
  );

  const playback = useCallback(
    async (cameraId: string, from: Date, to: Date): Promise<MediaGrant> => {
      const reason = await askReason();
      return ok(http.POST('/api/access/playback', { body: { cameraId, from: from.toISOString(), to: to.toISOString(), reason } }));
    },
    [askReason],
  );

  return { live, playback };
}

/**
 * Ends an access in the register (a CLOSE entry; its media token stops working). `keepalive` lets the
 * request outlive the page (pagehide, closing the tab): the session cookie and the CSRF header go with
 * it, which navigator.sendBeacon could not send.
 */
export async function closeAccess(entryId: string, keepalive = false): Promise<void> {
  await ok(http.POST('/api/access/{entryId}/close', { params: { path: { entryId } }, keepalive }));
}

/**
 * Media URLs carry no token: hls.js, the MSE player and fetch send it in the x-media-token header, so
 * it stays out of proxies' logs and the browser's history. Only a plain video element playing HLS
 * natively (Safari) cannot send a header; it gets the token in the URL (withTokenInUrl).
 */
export const MEDIA_TOKEN_HEADER = 'x-media-token';
export const mediaHeaders = (token: string): Record<string, string> => ({ [MEDIA_TOKEN_HEADER]: token });
export const withTokenInUrl = (url: string, token: string): string => `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;

export const playlistUrl = (cameraId: string): string => `/api/media/playlist.m3u8?cameraId=${encodeURIComponent(cameraId)}`;
export const snapshotUrl = (cameraId: string): string => `/api/media/snapshot.jpg?cameraId=${encodeURIComponent(cameraId)}`;
