import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCreateForm } from '../hooks/useCreateForm.ts';

interface Grant {
  id: string;
  userId: string;
  roleId: string;
  scopeType: string;
  scopeId: string | null;
  status: string;
  reason: string;
}

/** Grants: requested by one administrator, approved or rejected by another (four eyes); a SUSPENDED grant is approved again. */
export function Grants() {
  const { t } = useTranslation();
  const grants = useAsync(() => api<Grant[]>('/api/grants'), []);
  const users = useAsync(() => api<{ id: string; username: string }[]>('/api/users'), []);
  const roles = useAsync(() => api<{ id: string; name: string }[]>('/api/roles'), []);
  const setup = useAsync(() => api<{ bootstrapWindow: { open: boolean; until: string } | null }>('/api/setup'), []);
  const [decisionError, setDecisionError] = useState<unknown>();
  const form = useCreateForm(
    '/api/grants',
    { userId: '', roleId: '', reason: '' },
    (f) => ({ userId: f.userId || users.data?.[0]?.id, roleId: f.roleId || roles.data?.[0]?.id, scopeType: 'ALL', reason: f.reason }),
    grants.reload,
  );
  const decide = async (id: string, decision: 'approve' | 'reject') => {
    setDecisionError(undefined);
    try {
      const path = decision === 'approve' ? '/api/grants/{id}/approve' : '/api/grants/{id}/reject';
      await ok(http.POST(path, { params: { path: { id } }, body: {} }));
      grants.reload();
    } catch (e) {
      setDecisionError(e);
    }
  };
  const nameOf = (list: { id: string; username?: string; name?: string }[] | undefined, id: string) => list?.find((x) => x.id === id)?.username ?? list?.find((x) => x.id === id)?.name ?? id;
  return (
    <section className="card">
      <h2>{t('grants.title')}</h2>
      {setup.data?.bootstrapWindow?.open && <p className="muted">{t('grants.bootstrapWindow', { until: new Date(setup.data.bootstrapWindow.until).toLocaleString() })}</p>}
      <ErrorText error={grants.error ?? decisionError} />
      <table>
        <thead>
          <tr>
            <th>{t('grants.user')}</th>
            <th>{t('grants.role')}</th>
            <th>{t('grants.scope')}</th>
            <th>{t('grants.status')}</th>
            <th>{t('grants.reason')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {grants.data?.map((g) => (
            <tr key={g.id}>
              <td>{nameOf(users.data, g.userId)}</td>
              <td>{nameOf(roles.data, g.roleId)}</td>
              <td>
                {g.scopeType} {g.scopeId ?? ''}
              </td>
              <td>{t(`grants.statuses.${g.status}`, { defaultValue: g.status })}</td>
              <td>{g.reason}</td>
              <td>
                {(g.status === 'PENDING' || g.status === 'SUSPENDED') && (
                  <>
                    <button type="button" onClick={() => void decide(g.id, 'approve')}>{t('grants.approve')}</button>{' '}
                    <button type="button" onClick={() => void decide(g.id, 'reject')}>{t('grants.reject')}</button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('grants.request')}</h3>
      <form className="inline" onSubmit={form.submit}>
        <label>
          {t('grants.user')}
          <select {...form.input('userId')}>{users.data?.map((u) => <option key={u.id} value={u.id}>{u.username}</option>)}</select>
        </label>
        <label>
          {t('grants.role')}
          <select {...form.input('roleId')}>{roles.data?.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}</select>
        </label>
        <label>
          {t('grants.reason')}
          <input {...form.input('reason')} required minLength={4} />
        </label>
        <button type="submit">{t('app.create')}</button>
      </form>
      <ErrorText error={form.error} />
    </section>
  );
}
