import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../api/types.ts';
import { switchLanguage } from '../i18n/index.ts';

type Action = Session['actions'][number];

/** A page in the bar; shown when the user holds any of `anyOf` (or always, without it). */
interface NavPage {
  path: string;
  key: string;
  anyOf?: Action[];
  /** Shown also when this says so (an inspector holds no action at all). */
  also?: (session: Session) => boolean;
}

/** The bar's pages by what people come to do: watch, keep the law, keep evidence, administer. */
const GROUPS: { key: string; pages: NavPage[] }[] = [
  {
    key: 'nav.group.operate',
    pages: [
      { path: 'dashboard', key: 'nav.dashboard' },
      { path: 'live', key: 'nav.live', anyOf: ['LIVE'] },
      { path: 'playback', key: 'nav.playback', anyOf: ['PLAYBACK'] },
      { path: 'cameras', key: 'nav.cameras' },
      { path: 'gb28181', key: 'gb28181.nav', anyOf: ['CONFIG', 'ADMINISTER', 'LIVE', 'PLAYBACK'] },
      { path: 'alarms', key: 'alarms.nav' },
      { path: 'recorders', key: 'recorders.nav' },
    ],
  },
  {
    key: 'nav.group.comply',
    pages: [
      { path: 'desk', key: 'desk.nav', anyOf: ['CONFIG'] },
      { path: 'plan', key: 'plan.open', anyOf: ['CONFIG'] },
      { path: 'filing', key: 'nav.filing', anyOf: ['CONFIG', 'ADMINISTER'] },
      { path: 'findings', key: 'nav.findings' },
      { path: 'exposure', key: 'nav.exposure' },
      { path: 'corrective-orders', key: 'correctiveOrders.nav' },
      { path: 'public-reports', key: 'publicReports.nav' },
      { path: 'inspection', key: 'inspection.nav', anyOf: ['ADMINISTER', 'AUDIT'], also: (s) => s.inspector !== undefined },
    ],
  },
  {
    key: 'nav.group.evidence',
    pages: [
      { path: 'exports', key: 'evidence.navExports', anyOf: ['EXPORT', 'APPROVE'] },
      { path: 'releases', key: 'release.nav', anyOf: ['EXPORT', 'APPROVE', 'REDACT', 'AUDIT'] },
      { path: 'retention', key: 'evidence.navRetention', anyOf: ['CONFIG', 'AUDIT', 'ADMINISTER'] },
      { path: 'register', key: 'nav.register', anyOf: ['AUDIT'] },
      { path: 'art21', key: 'art21.nav', anyOf: ['PLAYBACK', 'APPROVE'] },
      { path: 'state-organ', key: 'stateOrgan.nav', anyOf: ['EXPORT', 'APPROVE'] },
    ],
  },
  {
    key: 'nav.group.administer',
    pages: [
      { path: 'welcome', key: 'staff.nav.welcome', anyOf: ['ADMINISTER'] },
      { path: 'users', key: 'nav.users', anyOf: ['CONFIG'] },
      { path: 'persons', key: 'nav.persons', anyOf: ['CONFIG'] },
      { path: 'roles', key: 'nav.roles', anyOf: ['CONFIG'] },
      { path: 'grants', key: 'nav.grants', anyOf: ['CONFIG'] },
      { path: 'integrations', key: 'nav.integrations', anyOf: ['CONFIG', 'AUDIT', 'ADMINISTER'] },
    ],
  },
];

/** The bar with the pages this user may open, the language switch and sign-out. */
export function Shell({ session, page, onSignOut, children }: { session: Session; page: string; onSignOut: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <header className="bar">
        <strong>{t('app.title')}</strong>
        <nav className="nav-groups">
          {GROUPS.map((group) => {
            const pages = group.pages.filter((p) => !p.anyOf || p.anyOf.some((action) => session.actions.includes(action)) || p.also?.(session));
            if (pages.length === 0) return null;
            return (
              <span key={group.key} className="nav-group" role="group" aria-label={t(group.key)}>
                <small>{t(group.key)}</small>
                {pages.map((p) => (
                  <a key={p.path} href={`#/${p.path}`} className={page === p.path ? 'active' : ''}>
                    {t(p.key)}
                  </a>
                ))}
              </span>
            );
          })}
        </nav>
        <span className="spacer" />
        <span>
          {session.user.displayName} ·{' '}
          {session.user.unitId || session.inspector ? session.user.unitName : <a href="#/users" className="error">{t('staff.nav.setUnit')}</a>}
        </span>
        <button type="button" onClick={() => void switchLanguage()} data-testid="language">
          {t('app.language')}
        </button>
        <button type="button" onClick={onSignOut}>
          {t('app.signOut')}
        </button>
      </header>
      <main>{children}</main>
    </>
  );
}
