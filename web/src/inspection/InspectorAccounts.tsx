import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCreateForm } from '../hooks/useCreateForm.ts';

const local = (iso: string) => new Date(iso).toLocaleString();
/** A datetime-local value as an instant (the browser's zone). */
const instant = (value: string) => new Date(value).toISOString();
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** Administrators open an inspector account for a named officer (scope, window) and see the accounts open. */
export function InspectorAccounts() {
  const { t } = useTranslation();
  const accounts = useAsync(() => ok(http.GET('/api/inspector-accounts')), []);
  const sites = useAsync(() => ok(http.GET('/api/sites', {})), []);
  const [created, setCreated] = useState('');
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const siteList = sites.data ?? [];
  const form = useCreateForm(
    { username: '', password: '', officerName: '', organ: '', warrantRef: '', scopeType: 'SITE', validFrom: inDays(0), validTo: inDays(7) },
    (f) =>
      ok(
        http.POST('/api/inspector-accounts', {
          body: {
            username: f.username.trim(),
            password: f.password,
            officerName: f.officerName,
            organ: f.organ,
            warrantRef: f.warrantRef,
            scope: f.scopeType === 'UNIT' ? { type: 'UNIT', unitId: siteList.find((s) => s.id === siteIds[0])?.unitId ?? siteList[0]?.unitId ?? '' } : { type: 'SITE', siteIds },
            validFrom: instant(f.validFrom),
            validTo: instant(f.validTo),
          },
        }),
      ),
    (account) => {
      setCreated(account.username);
      accounts.reload();
    },
  );
  return (
    <section className="card" data-testid="inspector-accounts">
      <h3>{t('inspection.accounts.title')}</h3>
      <ErrorText error={accounts.error ?? sites.error} />
      {accounts.data?.length === 0 && <p className="muted">{t('inspection.accounts.none')}</p>}
      {(accounts.data?.length ?? 0) > 0 && (
        <table aria-label="inspector accounts">
          <thead>
            <tr>
              <th>{t('inspection.accounts.username')}</th>
              <th>{t('inspection.accounts.officerName')}</th>
              <th>{t('inspection.accounts.organ')}</th>
              <th>{t('inspection.accounts.warrantRef')}</th>
              <th>{t('inspection.accounts.scopeType')}</th>
              <th>{t('inspection.accounts.validTo')}</th>
              <th>{t('inspection.accounts.state')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.data?.map((a) => (
              <tr key={a.id}>
                <td>{a.username}</td>
                <td>{a.officerName}</td>
                <td>{a.organ}</td>
                <td>{a.warrantRef}</td>
                <td>{a.scopeIds.map((id) => siteList.find((s) => s.id === id)?.name ?? id).join(', ')}</td>
                <td>
                  {local(a.validFrom)} – {local(a.validTo)}
                </td>
                <td>{t(`inspection.accounts.states.${a.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('inspection.accounts.add')}</h4>
      <form
        className="inline"
        aria-label="inspector account"
        onSubmit={(e) => {
          setCreated('');
          form.submit(e);
        }}
      >
        <label>
          {t('inspection.accounts.officerName')}
          <input {...form.input('officerName')} required />
        </label>
        <label>
          {t('inspection.accounts.organ')}
          <input {...form.input('organ')} required minLength={2} />
        </label>
        <label>
          {t('inspection.accounts.warrantRef')}
          <input {...form.input('warrantRef')} required />
        </label>
        <label>
          {t('inspection.accounts.username')}
          <input {...form.input('username')} required pattern="[A-Za-z0-9._@\-]{2,64}" autoComplete="off" />
        </label>
        <label>
          {t('inspection.accounts.password')}
          <input type="password" {...form.input('password')} required minLength={12} autoComplete="new-password" />
        </label>
        <label>
          {t('inspection.accounts.scopeType')}
          <select {...form.input('scopeType')}>
            <option value="SITE">{t('inspection.accounts.scopeSites')}</option>
            <option value="UNIT">{t('inspection.accounts.scopeUnit')}</option>
          </select>
        </label>
        <label>
          {t('inspection.accounts.sites')}
          <select multiple value={siteIds} onChange={(e) => setSiteIds([...e.target.selectedOptions].map((o) => o.value))} name="siteIds">
            {siteList.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('inspection.accounts.validFrom')}
          <input type="datetime-local" {...form.input('validFrom')} required />
        </label>
        <label>
          {t('inspection.accounts.validTo')}
          <input type="datetime-local" {...form.input('validTo')} required />
        </label>
        <button type="submit" disabled={form.saving}>
          {t('inspection.accounts.create')}
        </button>
      </form>
      <ErrorText error={form.error} />
      {created && <p role="status">{t('inspection.accounts.created', { username: created })}</p>}
    </section>
  );
}
