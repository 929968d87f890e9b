import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useAction } from '../hooks/useCreateForm.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTime } from '../lib/legal-time.ts';
import type { Directory } from './useDirectory.ts';

/** Resets of privileged users' credentials that wait for a second administrator (four eyes). */
export function CredentialResets({ directory, refresh }: { directory: Directory; refresh?: number }) {
  const { t } = useTranslation();
  const resets = useAsync(() => ok(http.GET('/api/credential-resets', { params: { query: { status: 'PENDING' } } })), [refresh]);
  const action = useAction();
  const decide = (id: string, decision: 'approve' | 'reject') =>
    action.run(() => (decision === 'approve' ? ok(http.POST('/api/credential-resets/{id}/approve', { params: { path: { id } } })) : ok(http.POST('/api/credential-resets/{id}/reject', { params: { path: { id } } }))), () => {
      resets.reload();
      directory.users.reload();
    });
  return (
    <section className="card" aria-label="credential-resets">
      <h3>{t('staff.resets.title')}</h3>
      <ErrorText error={resets.error ?? action.error} />
      {resets.data?.length === 0 && <p className="muted">{t('staff.resets.none')}</p>}
      {!!resets.data?.length && (
        <table>
          <thead>
            <tr>
              <th>{t('grants.user')}</th>
              <th>{t('staff.resets.kind')}</th>
              <th>{t('staff.resets.requested')}</th>
              <th>{t('staff.resets.expires')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {resets.data.map((r) => (
              <tr key={r.id}>
                <td>{directory.userName(r.userId)}</td>
                <td>{enumLabel(t, 'resetKind', r.kind)}</td>
                <td>
                  {directory.userName(r.requestedBy)} · {legalDateTime(r.requestedAt)}
                </td>
                <td>{legalDateTime(r.expiresAt)}</td>
                <td>
                  <button type="button" disabled={action.busy} onClick={() => decide(r.id, 'approve')}>
                    {t('grants.approve')}
                  </button>{' '}
                  <button type="button" disabled={action.busy} onClick={() => decide(r.id, 'reject')}>
                    {t('grants.reject')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
