import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useAction, useCreateForm } from '../hooks/useCreateForm.ts';
import { History } from './History.tsx';
import { legalToday } from '../lib/legal-time.ts';
import { PERSON_FIELDS, PersonFields, personBody, personLabelKey, type PersonFieldValues } from './PersonFields.tsx';
import { trainingLapsed } from './training.ts';

/** One staff record: its prerequisites edited, and the history of every change. */
export function PersonRecord({ id }: { id: string }) {
  const { t } = useTranslation();
  const person = useAsync(() => ok(http.GET('/api/persons/{id}', { params: { path: { id } } })), [id]);
  const history = useAsync(() => ok(http.GET('/api/persons/{id}/history', { params: { path: { id } } })), [id]);
  const [saved, setSaved] = useState(false);
  const form = useCreateForm(
    PERSON_FIELDS,
    (f) => ok(http.PATCH('/api/persons/{id}', { params: { path: { id } }, body: personBody(f) })),
    () => {
      setSaved(true);
      person.reload();
      history.reload();
    },
  );
  const deactivation = useAction();
  const deactivate = () =>
    deactivation.run(() => ok(http.POST('/api/persons/{id}/deactivate', { params: { path: { id } } })), () => {
      person.reload();
      history.reload();
    });
  const { setFields } = form;
  useEffect(() => {
    const p = person.data;
    if (!p) return;
    const fields = Object.fromEntries(Object.keys(PERSON_FIELDS).map((k) => [k, (p as Record<string, unknown>)[k] ?? ''])) as PersonFieldValues;
    setFields(fields);
  }, [person.data, setFields]);
  const lapsed = trainingLapsed(person.data?.jobTrainingAt ?? null, legalToday());
  return (
    <section className="card">
      <p>
        <a href="#/persons">← {t('persons.title')}</a>
      </p>
      <h2>{person.data?.name ?? t('app.loading')}</h2>
      <ErrorText error={person.error} />
      {lapsed && (
        <p className="error" data-testid="training-lapsed">
          {t('staff.persons.lapsedOn', { date: lapsed })}
        </p>
      )}
      <form
        className="stack"
        aria-label="person"
        onSubmit={(e) => {
          setSaved(false);
          form.submit(e);
        }}
      >
        <PersonFields input={form.input} />
        <button type="submit" disabled={form.saving || !person.data}>
          {t('app.save')}
        </button>
      </form>
      {saved && <p role="status">{t('cameras.saved')}</p>}
      <ErrorText error={form.error} />
      {person.data?.active === false ? (
        <p className="muted">{t('staff.persons.inactive')}</p>
      ) : (
        <p>
          <button type="button" disabled={deactivation.busy || !person.data} onClick={deactivate}>
            {t('staff.persons.deactivate')}
          </button>{' '}
          <span className="muted">{t('staff.persons.deactivateHint')}</span>
        </p>
      )}
      <ErrorText error={deactivation.error} />
      <h3>{t('staff.history.title')}</h3>
      <ErrorText error={history.error} />
      <History entries={history.data} label={(field) => t(personLabelKey(field))} />
    </section>
  );
}
