import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Camera, ComplianceReport, RecordingStatus } from '../api/types.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';

const SEVERITIES = ['BLOCK', 'NONCOMPLIANT', 'ADVISORY', 'INFO'];

/** Cameras and their recording, compliance findings by severity, filing deadlines ahead. */
export function Dashboard() {
  const { t } = useTranslation();
  const cameras = useAsync(() => api<Camera[]>('/api/cameras'), []);
  const status = useAsync(() => api<{ enabled: boolean; cameras: RecordingStatus[] }>('/api/recording/status'), []);
  const compliance = useAsync(() => api<ComplianceReport>('/api/compliance'), []);
  const stateOf = (id: string) => status.data?.cameras.find((c) => c.cameraId === id);
  return (
    <div className="cards">
      <section className="card">
        <h3>{t('dashboard.cameras')}</h3>
        {status.data && !status.data.enabled && <p className="muted">{t('dashboard.recorderOff')}</p>}
        <ErrorText error={cameras.error ?? status.error} />
        <table>
          <tbody>
            {cameras.data?.map((c) => {
              const s = stateOf(c.id);
              return (
                <tr key={c.id}>
                  <td>
                    <a href={`#/live/${c.id}`}>{c.name}</a>
                  </td>
                  <td>{c.status}</td>
                  <td>
                    <span className={`badge ${s?.state ?? ''}`}>{s ? (s.state === 'online' ? t('dashboard.online') : t('dashboard.offline')) : '—'}</span>
                    {s?.codec && <span className="muted"> {s.codec} {s.width}×{s.height} {Math.round(s.bitrateBps / 1000)} kbit/s</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h3>{t('dashboard.findings')}</h3>
        <ErrorText error={compliance.error} />
        <ul>
          {SEVERITIES.map((s) => (
            <li key={s}>
              <span className={`badge ${s}`}>{t(`severity.${s}`)}</span> {compliance.data?.counts[s] ?? 0}
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h3>{t('dashboard.deadlines')}</h3>
        <ul>
          {compliance.data?.filingDeadlines.map((d) => (
            <li key={d.siteId + d.status}>
              {d.siteName}: {d.overdue ? <strong className="error">{t('dashboard.overdue')}</strong> : t('dashboard.due', { date: d.dueDate })} <span className="muted">{d.status}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
