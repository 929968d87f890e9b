import { useTranslation } from 'react-i18next';
import { http, ok } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { shanghai } from '../../evidence/common.ts';

/** The dashboard's card: requests from state organs waiting for a decision, and emergency documents overdue (REG-20-4). */
export function StateOrganDashboard() {
  const { t } = useTranslation();
  const requests = useAsync(() => ok(http.GET('/api/state-organ-requests', { params: { query: {} } })), []);
  const pending = requests.data?.filter((r) => r.status === 'PENDING').length ?? 0;
  const overdue = requests.data?.filter((r) => r.emergencyDocsOverdue) ?? [];
  return (
    <section className="card" data-testid="dashboard-state-organ">
      <h3>
        {t('stateOrgan.title')} <a href="#/state-organ">{t('stateOrgan.nav')}</a>
      </h3>
      <ErrorText error={requests.error} />
      {requests.data && <p>{t('stateOrgan.dashboard', { pending, overdue: overdue.length })}</p>}
      <ul>
        {overdue.map((r) => (
          <li key={r.id} className="error" data-code="EMERGENCY_DOCS_OVERDUE">
            {r.organName} {r.caseNumber}: {t('stateOrgan.overdue', { at: shanghai(r.docsDueAt) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
