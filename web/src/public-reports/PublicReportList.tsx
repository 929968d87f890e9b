import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTime } from '../lib/legal-time.ts';

const STATUSES = ['RECEIVED', 'ACKNOWLEDGED', 'INVESTIGATING', 'FORWARDED', 'RESOLVED'] as const;
type Status = (typeof STATUSES)[number];

/** The reports of the sites the user can see, newest first; the overdue ones marked. */
export function PublicReportList() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status | ''>('');
  const policy = useAsync(() => ok(http.GET('/api/public-reports/policy', {})), []);
  const list = useAsync(() => ok(http.GET('/api/public-reports', { params: { query: status ? { status } : {} } })), [status]);
  return (
    <section className="card" data-testid="public-reports">
      <h2>{t('publicReports.title')}</h2>
      <p className="muted">{t('publicReports.explain', { hours: policy.data?.firstActionHours ?? 24 })}</p>
      <div className="controls">
        <select value={status} onChange={(e) => setStatus(e.target.value as Status | '')} aria-label={t('publicReports.col.status')}>
          <option value="">{t('publicReports.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {enumLabel(t, 'publicReportStatus', s)}
            </option>
          ))}
        </select>
        <button type="button" onClick={list.reload}>{t('publicReports.refresh')}</button>
      </div>
      <ErrorText error={list.error} />
      {list.data?.length === 0 && <p className="muted">{t('publicReports.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('publicReports.col.reference')}</th>
              <th>{t('publicReports.col.received')}</th>
              <th>{t('publicReports.col.type')}</th>
              <th>{t('publicReports.col.location')}</th>
              <th>{t('publicReports.col.due')}</th>
              <th>{t('publicReports.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((r) => (
              <tr key={r.id} data-report={r.id} data-overdue={r.overdue}>
                <td>
                  <a href={`#/public-reports/${encodeURIComponent(r.id)}`}>{r.reference}</a>
                </td>
                <td>{legalDateTime(r.receivedAt)}</td>
                <td>{enumLabel(t, 'publicReportType', r.violationType)}</td>
                <td>{r.location}</td>
                <td>
                  {r.firstActionAt ? '—' : legalDateTime(r.firstActionDueAt)}
                  {r.overdue && <span className="badge refusal"> {t('publicReports.overdue')}</span>}
                </td>
                <td>
                  <span className="badge">{enumLabel(t, 'publicReportStatus', r.status)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
