import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCreateForm } from '../hooks/useCreateForm.ts';

interface Person {
  id: string;
  name: string;
  position: string | null;
  entryVettingAt: string | null;
  confidentialityEducationAt: string | null;
  jobTrainingAt: string | null;
  confidentialityAgreementAt: string | null;
}

const DATES = [
  ['entryVettingAt', 'persons.vetting'],
  ['confidentialityEducationAt', 'persons.education'],
  ['jobTrainingAt', 'persons.training'],
  ['confidentialityAgreementAt', 'persons.agreement'],
] as const;

/** Staff records with the personnel prerequisites for viewing video (REG-16-2). */
export function Persons() {
  const { t } = useTranslation();
  const persons = useAsync(() => api<Person[]>('/api/persons'), []);
  const units = useAsync(() => api<{ id: string; name: string }[]>('/api/units'), []);
  const initial = { name: '', position: '', entryVettingAt: '', confidentialityEducationAt: '', jobTrainingAt: '', confidentialityAgreementAt: '' };
  const form = useCreateForm(
    '/api/persons',
    initial,
    (f) => ({ unitId: units.data?.[0]?.id, name: f.name, position: f.position || null, ...Object.fromEntries(DATES.map(([k]) => [k, f[k] || null])) }),
    persons.reload,
  );
  return (
    <section className="card">
      <h2>{t('persons.title')}</h2>
      <ErrorText error={persons.error} />
      <table>
        <thead>
          <tr>
            <th>{t('persons.name')}</th>
            <th>{t('persons.position')}</th>
            {DATES.map(([k, label]) => (
              <th key={k}>{t(label)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {persons.data?.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.position ?? '—'}</td>
              {DATES.map(([k]) => (
                <td key={k}>{p[k] ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('persons.add')}</h3>
      <form className="inline" onSubmit={form.submit}>
        <label>
          {t('persons.name')}
          <input {...form.input('name')} required />
        </label>
        <label>
          {t('persons.position')}
          <input {...form.input('position')} />
        </label>
        {DATES.map(([k, label]) => (
          <label key={k}>
            {t(label)}
            <input type="date" {...form.input(k)} />
          </label>
        ))}
        <button type="submit">{t('app.create')}</button>
      </form>
      <ErrorText error={form.error} />
    </section>
  );
}
