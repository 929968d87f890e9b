import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useAction } from '../hooks/useCreateForm.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTime } from '../lib/legal-time.ts';

/** A user's API tokens (never the token itself), each revocable by an administrator. */
export function UserTokens({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const tokens = useAsync(() => ok(http.GET('/api/users/{id}/tokens', { params: { path: { id: userId } } })), [userId]);
  const action = useAction();
  const revoke = (tokenId: string) => action.run(() => ok(http.POST('/api/users/{id}/tokens/{tokenId}/revoke', { params: { path: { id: userId, tokenId } } })), tokens.reload);
  return (
    <div className="tokens">
      <ErrorText error={tokens.error ?? action.error} />
      {tokens.data?.length === 0 && <span className="muted">{t('staff.users.noTokens')}</span>}
      {tokens.data?.map((k) => (
        <div key={k.id}>
          <strong>{k.name}</strong> · {k.scopes.map((s) => enumLabel(t, 'roleAction', s)).join(', ')} · {k.expiresAt ? t('staff.users.tokenExpires', { at: legalDateTime(k.expiresAt) }) : t('staff.users.tokenNoExpiry')}
          {k.revokedAt ? (
            <span className="muted"> · {t('staff.users.tokenRevoked', { at: legalDateTime(k.revokedAt) })}</span>
          ) : (
            <>
              {' '}
              <button type="button" disabled={action.busy} onClick={() => revoke(k.id)}>
                {t('staff.grants.revoke')}
              </button>
            </>
          )}
        </div>
      ))}
    </div>
  );
}
