import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCreateForm } from '../hooks/useCreateForm.ts';
import { go } from '../hooks/useRoute.ts';
import { legalToday } from '../lib/legal-time.ts';
import { DATES, PERSON_FIELDS, PersonFields, personBody } from './PersonFields.tsx';
import { trainingLapsed } from './training.ts';

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '').toLowerCase();

/** Staff records with the personnel prerequisites for viewing video (REG-16-2); lapsed training in red. */
export function Persons() {
  const { t } = useTranslation();
  const persons = useAsync(() => ok(http.GET('/api/persons')), []);
  const units = useAsync(() => ok(http.GET('/api/units')), []);
  const form = useCreateForm(
    { ...PERSON_FIELDS, unitId: '' },
    (f) => ok(http.POST('/api/persons', { body: { unitId: f.unitId || units.data?.[0]?.id || '', ...personBody(f) } })),
    (person) => go(`persons/${person.id}`),
  );
  const today = legalToday();
  const { name, idDocument } = form.fields;
  // The same person recorded twice by accident: same name, or same ID-document number, among the active records.
  const twins = (persons.data ?? []).filter((p) => p.active && ((name.trim() && norm(p.name) === norm(name)) || (idDocument.trim() && norm(p.idDocument) === norm(idDocument))));
  return (
    <section className="card">
      <h2>{t('persons.title')}</h2>
      <ErrorText error={persons.error} />
      <table aria-label="persons">
        <thead>
          <tr>
            <th>{t('persons.name')}</th>
            <th>{t('staff.persons.idDocument')}</th>
            <th>{t('persons.position')}</th>
            {DATES.map(([k, label]) => (
              <th key={k}>{t(label)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {persons.data?.map((p) => {
            const lapsed = trainingLapsed(p.jobTrainingAt, today);
            return (
              <tr key={p.id} className={p.active ? '' : 'muted'}>
                <td>
                  <a href={`#/persons/${p.id}`}>{p.name}</a>
                  {!p.active && <span className="muted"> ({t('staff.persons.inactive')})</span>}
                </td>
                <td>{p.idDocument ?? '—'}</td>
                <td>{p.position ?? '—'}</td>
                {DATES.map(([k]) => (
                  <td key={k}>
                    {p[k] ?? <span className="error">{t('staff.persons.missing')}</span>}
                    {k === 'jobTrainingAt' && lapsed && (
                      <div className="error" data-testid="training-lapsed">
                        {t('staff.persons.lapsedOn', { date: lapsed })}
                      </div>
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t('persons.add')}</h3>
      <form className="inline" onSubmit={form.submit} aria-label="person">
        {(units.data?.length ?? 0) > 1 && (
          <label>
            {t('users.unit')}
            <select {...form.input('unitId')}>
              {units.data?.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <PersonFields input={form.input} />
        <button type="submit" disabled={form.saving}>
          {t('app.create')}
        </button>
      </form>
      {twins.length > 0 && (
        <p className="warning" role="status" data-testid="twin-warning">
          {t('staff.persons.twin')}{' '}
          {twins.map((p) => (
            <a key={p.id} href={`#/persons/${p.id}`}>
              {p.name}
              {p.idDocument ? ` (${p.idDocument})` : ''}
            </a>
          ))}
        </p>
      )}
      <ErrorText error={form.error} />
    </section>
  );
}
