import { useTranslation } from 'react-i18next';
import { AlarmsCard } from '../alarms/AlarmsCard.tsx';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { legalDate } from '../lib/legal-time.ts';
import { DaysLeft } from '../filing/DaysLeft.tsx';
import { ExposureTotals } from '../filing/Exposure.tsx';
import { FindingItem } from '../filing/FindingItem.tsx';
import { namedFindings } from '../filing/named-findings.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { Art21DueCard } from '../disclosure/art21/Art21DueCard.tsx';
import { StateOrganDashboard } from '../disclosure/state-organ/StateOrganDashboard.tsx';

const SEVERITIES = ['BLOCK', 'CRITICAL', 'NONCOMPLIANT', 'ADVISORY'] as const;
/** Findings listed per severity on the dashboard; the rest are on the findings page. */
const PER_SEVERITY = 5;

/** Cameras and their recording, filing deadlines, open findings by severity, penalty exposure and remediation tasks. */
export function Dashboard() {
  const { t } = useTranslation();
  const cameras = useAsync(() => ok(http.GET('/api/cameras', {})), []);
  const status = useAsync(() => ok(http.GET('/api/recording/status', {})), []);
  const compliance = useAsync(() => ok(http.GET('/api/compliance', {})), []);
  const exposure = useAsync(() => ok(http.GET('/api/compliance/exposure', {})), []);
  const tasks = useAsync(() => ok(http.GET('/api/remediation-tasks', {})), []);
  const stateOf = (id: string) => status.data?.cameras.find((c) => c.cameraId === id);
  const today = legalDate(compliance.data?.at ?? new Date());
  const findings = compliance.data ? namedFindings(compliance.data) : [];
  const openTasks = tasks.data?.filter((task) => task.status === 'OPEN') ?? [];
  return (
    <div className="cards">
      <section className="card">
        <h3>{t('dash.cameras')}</h3>
        {status.data && !status.data.enabled && <p className="muted">{t('dash.recorderOff')}</p>}
        <ErrorText error={cameras.error ?? status.error} />
        <table>
          <tbody>
            {cameras.data?.map((c) => {
              const s = stateOf(c.id);
              return (
                <tr key={c.id}>
                  <td>
                    <a href={`#/live/${c.id}`}>{c.name}</a> <a className="muted" href={`#/health/${encodeURIComponent(c.id)}`}>{t('alarms.health')}</a>
                  </td>
                  <td>{enumLabel(t, 'cameraStatus', c.status)}</td>
                  <td>
                    <span className={`badge ${s?.state ?? ''}`}>{s ? (s.state === 'online' ? t('dash.online') : t('dash.offline')) : '—'}</span>
                    {s?.codec && (
                      <span className="muted">
                        {' '}
                        {s.codec} {s.width}×{s.height} {Math.round(s.bitrateBps / 1000)} kbit/s
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <AlarmsCard />
      <section className="card" data-testid="dashboard-deadlines">
        <h3>{t('dash.deadlines')}</h3>
        <ErrorText error={compliance.error} />
        {compliance.data?.filingDeadlines.length === 0 && <p className="muted">{t('dash.noDeadlines')}</p>}
        <ul>
          {compliance.data?.filingDeadlines.map((d) => (
            <li key={d.siteId} data-site={d.siteId}>
              {d.siteName}: {t('filing.due', { date: d.dueDate })} <DaysLeft dueDate={d.dueDate} today={today} overdue={d.overdue} /> <span className="muted">{enumLabel(t, 'filingStatus', d.status)}</span>{' '}
              <a className="button" href={`#/filing/${encodeURIComponent(d.siteId)}`} data-testid="deadline-to-filing">
                {t('dash.toFiling')}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" data-testid="dashboard-findings">
        <h3>
          {t('dash.findings')} <a href="#/findings">{t('dash.allFindings')}</a>
        </h3>
        {SEVERITIES.map((severity) => {
          const group = findings.filter((f) => f.finding.severity === severity);
          if (group.length === 0) return null;
          return (
            <details key={severity} open={severity !== 'ADVISORY'} data-severity={severity}>
              <summary>
                <span className={`badge ${severity}`}>{enumLabel(t, 'severity', severity)}</span> {group.length}{' '}
                <a href={`#/findings?severity=${severity}`}>{t('findings.open')}</a>
              </summary>
              <ul>
                {group.slice(0, PER_SEVERITY).map(({ finding, name }) => (
                  <FindingItem key={`${finding.code}:${finding.subject.type}:${finding.subject.id}`} finding={finding} objectName={name} />
                ))}
              </ul>
            </details>
          );
        })}
      </section>
      <section className="card" data-testid="dashboard-exposure">
        <h3>
          {t('dash.exposure')} <a href="#/exposure">{t('dash.exposureDetail')}</a>
        </h3>
        <ErrorText error={exposure.error} />
        {exposure.data && <ExposureTotals rows={exposure.data.rows} totals={exposure.data.totals} />}
      </section>
      <section className="card" data-testid="dashboard-remediation">
        <h3>{t('dash.remediation')}</h3>
        <ErrorText error={tasks.error} />
        {tasks.data && <p>{t('dash.remediationOpen', { open: openTasks.length, overdue: openTasks.filter((task) => task.overdue).length })}</p>}
      </section>
      <Art21DueCard />
      <StateOrganDashboard />
    </div>
  );
}
