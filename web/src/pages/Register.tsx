import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';
import { RegisterVerify } from '../components/RegisterVerify.tsx';
import { enumLabel } from '../i18n/enum-label.ts';
import { useRegisterSearch, type RegisterEntryView, type RegisterFilters } from '../hooks/useRegisterSearch.ts';

const KINDS = ['ACCESS', 'CLOSE', 'DENIAL'];
const OPERATIONS = ['PLAYBACK', 'SNAPSHOT', 'EXPORT', 'LIVE_ADHOC', 'LIVE_DUTY', 'PTZ', 'API_RETRIEVAL'];
const CATEGORIES = ['PUBLIC_SECURITY_MONITORING', 'INCIDENT_INVESTIGATION', 'STATE_ORGAN_REQUEST', 'ART21_VIEWING', 'PUBLIC_RELEASE', 'SYSTEM_MAINTENANCE', 'INSPECTION', 'DUTY_MONITORING', 'NONE'];

/** Register times are legal times: shown in Asia/Shanghai whatever the viewer's zone. */
const legalTime = (iso: string, language: string) => new Date(iso).toLocaleString(language, { timeZone: 'Asia/Shanghai', hour12: false });

/** The access register (信息调用登记) for auditors: filters by picking, the entries in words, CSV and PDF of the same filter, the chain check. */
export function Register() {
  const { t, i18n } = useTranslation();
  const search = useRegisterSearch();
  const field = (key: keyof RegisterFilters) => ({ name: key, value: search.filters[key], onChange: (e: { target: { value: string } }) => search.set(key, e.target.value) });
  const options = (group: string, values: string[]) => [
    <option key="" value="">
      {t('register.any')}
    </option>,
    ...values.map((v) => (
      <option key={v} value={v}>
        {enumLabel(t, group, v)}
      </option>
    )),
  ];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    search.apply();
  };
  const cameraName = (id: string) => {
    const known = search.names.get(id);
    return known ? `${known.name}${known.site ? ` (${known.site})` : ''}` : t('registerPage.unknownCamera', { id });
  };
  const when = (iso: string) => legalTime(iso, i18n.language);
  const state = (e: RegisterEntryView) => {
    if (e.kind === 'DENIAL') {
      const code = e.content.denied?.code;
      return t('registerPage.denied', { reason: `${enumLabel(t, 'deniedCode', code)}${e.content.denied?.article ? ` (${e.content.denied.article})` : ''}` });
    }
    if (e.kind === 'ACCESS') return enumLabel(t, 'entryState', e.closedAt ? 'CLOSED' : 'OPEN');
    return '';
  };
  return (
    <section className="card">
      <h2>{t('register.title')}</h2>
      <RegisterVerify />
      <form className="inline" onSubmit={submit} aria-label="register-filters">
        <label>
          {t('register.from')}
          <input type="datetime-local" {...field('from')} />
        </label>
        <label>
          {t('register.to')}
          <input type="datetime-local" {...field('to')} />
        </label>
        <label>
          {t('register.camera')}
          <select {...field('cameraId')}>
            <option value="">{t('register.any')}</option>
            {search.cameras.map((c) => (
              <option key={c.id} value={c.id}>
                {cameraName(c.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('registerPage.person')}
          <select {...field('actorUserId')}>
            <option value="">{t('register.any')}</option>
            {search.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('registerPage.kind')}
          <select {...field('kind')}>{options('entryKind', KINDS)}</select>
        </label>
        <label>
          {t('register.operation')}
          <select {...field('operation')}>{options('operation', OPERATIONS)}</select>
        </label>
        <label>
          {t('register.category')}
          <select {...field('reasonCategory')}>{options('reasonCategory', CATEGORIES)}</select>
        </label>
        <button type="submit">{t('register.search')}</button>
        <button type="button" onClick={search.clear}>
          {t('registerPage.clear')}
        </button>
        <a className="button" href={search.csvUrl} download>
          {t('register.csv')}
        </a>
        <a className="button" href={search.pdfUrl} download>
          {t('register.pdf')}
        </a>
      </form>
      <ErrorText error={search.result.error} />
      {search.result.data && <p className="muted">{t('register.total', { count: search.result.data.total })}</p>}
      <table data-testid="register-table">
        <thead>
          <tr>
            <th>{t('register.at')}</th>
            <th>{t('registerPage.kind')}</th>
            <th>{t('register.operation')}</th>
            <th>{t('registerPage.person')}</th>
            <th>{t('register.unit')}</th>
            <th>{t('register.reason')}</th>
            <th>{t('register.range')}</th>
            <th>{t('registerPage.state')}</th>
          </tr>
        </thead>
        <tbody>
          {search.result.data?.entries.map((e) => (
            <tr key={e.id} data-entry={e.id} data-kind={e.kind} data-operation={e.operation} data-refers-to={e.refersTo ?? ''}>
              <td>{when(e.at)}</td>
              <td>{enumLabel(t, 'entryKind', e.kind)}</td>
              <td>{enumLabel(t, 'operation', e.operation)}</td>
              <td>{e.actor.name}</td>
              <td>{e.actor.unit}</td>
              <td>
                {enumLabel(t, 'reasonCategory', e.reason.category)}
                {e.reason.text ? `: ${e.reason.text}` : ''}
              </td>
              <td>
                {e.content.ranges.length === 0 && e.cameraIds.map((id) => <div key={id}>{cameraName(id)}</div>)}
                {e.content.ranges.map((r) => (
                  <div key={r.cameraId + r.from}>
                    {cameraName(r.cameraId)} {when(r.from)} – {r.to ? when(r.to) : '…'}
                  </div>
                ))}
              </td>
              <td data-state={e.kind === 'ACCESS' ? (e.closedAt ? 'CLOSED' : 'OPEN') : ''}>{state(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
