import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../api/types.ts';
import { switchLanguage } from '../i18n/index.ts';

const PAGES: { path: string; key: string; action?: Session['actions'][number] }[] = [
  { path: 'dashboard', key: 'nav.dashboard' },
  { path: 'cameras', key: 'nav.cameras' },
  { path: 'plan', key: 'plan.open' },
  { path: 'live', key: 'nav.live', action: 'LIVE' },
  { path: 'playback', key: 'nav.playback', action: 'PLAYBACK' },
  { path: 'register', key: 'nav.register', action: 'AUDIT' },
  { path: 'filing', key: 'nav.filing' },
  { path: 'findings', key: 'nav.findings' },
  { path: 'exposure', key: 'nav.exposure' },
  { path: 'exports', key: 'evidence.navExports' },
  { path: 'retention', key: 'evidence.navRetention' },
  { path: 'users', key: 'nav.users', action: 'CONFIG' },
  { path: 'roles', key: 'nav.roles', action: 'CONFIG' },
  { path: 'persons', key: 'nav.persons', action: 'CONFIG' },
  { path: 'grants', key: 'nav.grants', action: 'CONFIG' },
  { path: 'desk', key: 'desk.nav', action: 'CONFIG' },
  { path: 'welcome', key: 'staff.nav.welcome', action: 'ADMINISTER' },
];

/** The bar with the pages this user may open, the language switch and sign-out. */
export function Shell({ session, page, onSignOut, children }: { session: Session; page: string; onSignOut: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <header className="bar">
        <strong>{t('app.title')}</strong>
        <nav style={{ display: 'flex', gap: '0.8rem', flexWrap: 'wrap' }}>
          {PAGES.filter((p) => !p.action || session.actions.includes(p.action)).map((p) => (
            <a key={p.path} href={`#/${p.path}`} className={page === p.path ? 'active' : ''}>
              {t(p.key)}
            </a>
          ))}
        </nav>
        <span className="spacer" />
        <span>
          {session.user.displayName} ·{' '}
          {session.user.unitId ? session.user.unitName : <a href="#/users" className="error">{t('staff.nav.setUnit')}</a>}
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
