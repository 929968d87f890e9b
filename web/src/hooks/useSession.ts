import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, setCsrfToken } from '../api/client.ts';
import type { Session } from '../api/types.ts';

export type SessionState = { state: 'loading' } | { state: 'signed-out' } | { state: 'enrol'; session: Session } | { state: 'signed-in'; session: Session };

/** Who is signed in; sign-in (with the second factor) and sign-out. */
export function useSession() {
  const [state, setState] = useState<SessionState>({ state: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const session = await api<Session>('/api/auth/session');
      setCsrfToken(session.csrfToken);
      setState(session.totpEnrollmentRequired ? { state: 'enrol', session } : { state: 'signed-in', session });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ state: 'signed-out' });
      else throw error;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = useCallback(
    async (username: string, password: string, totp?: string) => {
      const result = await api<{ csrfToken: string }>('/api/auth/login', { method: 'POST', body: { username, password, ...(totp ? { totp } : {}) } });
      setCsrfToken(result.csrfToken);
      await refresh();
    },
    [refresh],
  );

  const signOut = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    setCsrfToken(null);
    setState({ state: 'signed-out' });
  }, []);

  return { ...state, refresh, signIn, signOut };
}
