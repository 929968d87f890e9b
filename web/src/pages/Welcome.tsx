import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import type { Session } from '../api/types.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';

interface Step {
  key: string;
  href: string;
  /** true: done; false: to do; undefined: this account cannot tell (e.g. the register needs AUDIT). */
  done: boolean | undefined;
}

const PREREQUISITES = ['entryVettingAt', 'confidentialityEducationAt', 'jobTrainingAt', 'confidentialityAgreementAt'] as const;

/** The first run, step by step: each step links to its page and is ticked from what the API says. */
async function loadSteps(session: Session): Promise<Step[]> {
  const me = session.user;
  const account = await ok(http.GET('/api/users/{id}', { params: { path: { id: me.id } } }));
  const person = account.personId ? await ok(http.GET('/api/persons/{id}', { params: { path: { id: account.personId } } })) : undefined;
  const cameras = await ok(http.GET('/api/cameras'));
  const grants = await ok(http.GET('/api/grants'));
  const views = session.actions.includes('AUDIT') ? (await ok(http.GET('/api/register', { params: { query: { limit: 1 } } }))).total : undefined;
  return [
    { key: 'setup', href: '#/users', done: true },
    { key: 'unit', href: '#/users', done: me.unitId !== null },
    { key: 'person', href: person ? `#/persons/${person.id}` : '#/persons', done: !!person && PREREQUISITES.every((k) => person[k]) },
    { key: 'camera', href: cameras[0] ? `#/cameras/${cameras[0].id}` : '#/cameras/new', done: cameras.length > 0 },
    { key: 'grant', href: '#/grants', done: grants.some((g) => g.userId !== me.id && g.status === 'ACTIVE') },
    { key: 'view', href: cameras[0] ? `#/live/${cameras[0].id}` : '#/live', done: views === undefined ? undefined : views > 0 },
  ];
}

/** #/welcome: the checklist after setup (setup → unit → staff record → first camera → a second person → first view). */
export function Welcome({ session }: { session: Session }) {
  const { t } = useTranslation();
  const steps = useAsync(() => loadSteps(session), [session]);
  const left = steps.data?.filter((s) => s.done === false).length;
  return (
    <section className="card">
      <h2>{t('staff.welcome.title')}</h2>
      <p className="muted">{left === 0 ? t('staff.welcome.allDone') : t('staff.welcome.intro')}</p>
      <ErrorText error={steps.error} />
      <ol className="checklist" aria-label="checklist">
        {steps.data?.map((s) => (
          <li key={s.key} data-step={s.key} data-done={s.done === undefined ? 'unknown' : String(s.done)}>
            <span aria-hidden="true">{s.done ? '☑' : '☐'}</span> <a href={s.href}>{t(`staff.welcome.steps.${s.key}.title`)}</a>
            <div className="muted">{t(`staff.welcome.steps.${s.key}.hint`)}</div>
          </li>
        ))}
      </ol>
      <button type="button" onClick={steps.reload}>
        {t('app.retry')}
      </button>
    </section>
  );
}
