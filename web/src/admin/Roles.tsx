import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';

/** Roles and what they allow (built-in roles are copied, not edited, through the API). */
export function Roles() {
  const { t, i18n } = useTranslation();
  const roles = useAsync(() => ok(http.GET('/api/roles')), []);
  return (
    <section className="card">
      <h2>{t('roles.title')}</h2>
      <ErrorText error={roles.error} />
      <table>
        <thead>
          <tr>
            <th>{t('roles.name')}</th>
            <th>{t('roles.actions')}</th>
            <th>{t('roles.depth')}</th>
            <th>{t('roles.builtIn')}</th>
          </tr>
        </thead>
        <tbody>
          {roles.data?.map((r) => (
            <tr key={r.id}>
              <td>{i18n.language === 'en' ? r.nameEn : r.name}</td>
              <td>{r.actions.map((a) => enumLabel(t, 'roleAction', a)).join(', ')}</td>
              <td>{r.playbackDepthHours ?? '—'}</td>
              <td>{r.builtIn ? '✓' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
