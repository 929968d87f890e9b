import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';
import { REASON_CATEGORIES } from '../components/ReasonDialog.tsx';
import { useRegisterSearch, type RegisterFilters } from '../hooks/useRegisterSearch.ts';

const OPERATIONS = ['PLAYBACK', 'SNAPSHOT', 'EXPORT', 'LIVE_ADHOC', 'LIVE_DUTY', 'PTZ', 'API_RETRIEVAL'];

/** The access register (信息调用登记) for auditors: filters, the entries, CSV and PDF of the same filter. */
export function Register() {
  const { t } = useTranslation();
  const search = useRegisterSearch();
  const input = (key: keyof RegisterFilters) => ({ name: key, value: search.filters[key], onChange: (e: { target: { value: string } }) => search.set(key, e.target.value) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    search.apply();
  };
  return (
    <section className="card">
      <h2>{t('register.title')}</h2>
      <form className="inline" onSubmit={submit}>
        <label>
          {t('register.from')}
          <input type="datetime-local" {...input('from')} />
        </label>
        <label>
          {t('register.to')}
          <input type="datetime-local" {...input('to')} />
        </label>
        <label>
          {t('register.camera')}
          <input {...input('cameraId')} />
        </label>
        <label>
          {t('register.actor')}
          <input {...input('actorName')} />
        </label>
        <label>
          {t('register.operation')}
          <select {...input('operation')}>
            <option value="">{t('register.any')}</option>
            {OPERATIONS.map((o) => <option key={o}>{o}</option>)}
          </select>
        </label>
        <label>
          {t('register.category')}
          <select {...input('reasonCategory')}>
            <option value="">{t('register.any')}</option>
            {REASON_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`reason.categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('register.search')}</button>
        <a href={search.csvUrl} download>{t('register.csv')}</a>
        <a href={search.pdfUrl} download>{t('register.pdf')}</a>
      </form>
      <ErrorText error={search.result.error} />
      {search.result.data && <p className="muted">{t('register.total', { count: search.result.data.total })}</p>}
      <table data-testid="register-table">
        <thead>
          <tr>
            <th>{t('register.at')}</th>
            <th>{t('register.kind')}</th>
            <th>{t('register.operation')}</th>
            <th>{t('register.actor')}</th>
            <th>{t('register.unit')}</th>
            <th>{t('register.reason')}</th>
            <th>{t('register.range')}</th>
          </tr>
        </thead>
        <tbody>
          {search.result.data?.entries.map((e) => (
            <tr key={e.id}>
              <td>{new Date(e.at).toLocaleString()}</td>
              <td>{e.kind}</td>
              <td>{e.operation}</td>
              <td>{e.actor.name}</td>
              <td>{e.actor.unit}</td>
              <td>
                {t(`reason.categories.${e.reason.category}`, { defaultValue: e.reason.category })}: {e.reason.text}
              </td>
              <td>
                {e.content.ranges.map((r) => (
                  <div key={r.cameraId + r.from}>
                    {r.cameraId} {new Date(r.from).toLocaleString()} – {r.to ? new Date(r.to).toLocaleString() : '…'}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
