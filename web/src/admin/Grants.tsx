import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { CredentialResets } from './CredentialResets.tsx';
import { GrantRequestForm } from './GrantRequestForm.tsx';
import { GrantRow } from './GrantRow.tsx';
import { legalDateTime } from '../lib/legal-time.ts';
import { useDirectory } from './useDirectory.ts';

/** Grants: requested by one administrator, approved or rejected by another (four eyes), revoked with a reason; and the credential resets waiting for a second administrator. */
export function Grants() {
  const { t } = useTranslation();
  const grants = useAsync(() => ok(http.GET('/api/grants')), []);
  const setup = useAsync(() => ok(http.GET('/api/setup')), []);
  const directory = useDirectory();
  return (
    <>
      <section className="card">
        <h2>{t('grants.title')}</h2>
        {setup.data?.bootstrapWindow?.open && <p className="muted">{t('grants.bootstrapWindow', { until: legalDateTime(setup.data.bootstrapWindow.until) })}</p>}
        <ErrorText error={grants.error} />
        <table aria-label="grants">
          <thead>
            <tr>
              <th>{t('grants.user')}</th>
              <th>{t('grants.role')}</th>
              <th>{t('grants.scope')}</th>
              <th>{t('grants.status')}</th>
              <th>{t('grants.reason')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {grants.data?.map((g) => (
              <GrantRow key={g.id} grant={g} directory={directory} onChanged={grants.reload} />
            ))}
          </tbody>
        </table>
        <GrantRequestForm
          directory={directory}
          onRequested={() => {
            grants.reload();
            setup.reload();
          }}
        />
      </section>
      <CredentialResets directory={directory} />
    </>
  );
}
