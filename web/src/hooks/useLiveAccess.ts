import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { MediaGrant, Reason } from '../api/types.ts';
import { useMediaAccess } from './useMediaAccess.ts';

/**
 * A live access for one camera while `active`: opened through the register (a reason when the server
 * asks for one), renewed before the media token expires, closed when the view goes away.
 */
export function useLiveAccess(cameraId: string, active: boolean, askReason: () => Promise<Reason>) {
  const { live } = useMediaAccess(askReason);
  const [grant, setGrant] = useState<MediaGrant>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!active) return;
    let current: MediaGrant | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = async () => {
      // A next tick first: an effect that is set up and torn down at once (React's StrictMode) opens nothing.
      await Promise.resolve();
      if (stopped) return;
      try {
        const next = await live(cameraId);
        if (stopped) return void close(next);
        if (current) void close(current);
        current = next;
        setGrant(next);
        timer = setTimeout(() => void open(), Math.max(30_000, Date.parse(next.expiresAt) - Date.now() - 60_000));
      } catch (e) {
        if (!stopped) setError(e);
      }
    };
    void open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      if (current) void close(current);
      setGrant(undefined);
    };
  }, [cameraId, active, live]);
  return { grant, error };
}

const close = (grant: MediaGrant) => api(`/api/access/${encodeURIComponent(grant.registerEntryId)}/close`, { method: 'POST' }).catch(() => undefined);
