import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTime } from '../lib/legal-time.ts';
import { PublicReportActions } from './PublicReportActions.tsx';
import type { PublicReport } from './types.ts';

function Reporter({ r }: { r: PublicReport }) {
  const { t } = useTranslation();
  if (r.anonymous) return <>{t('publicReports.detail.anonymous')}</>;
  if (!r.contact) return <span className="muted">{t('publicReports.detail.hidden')}</span>;
  const { name, phone, email, shareWithPolice } = r.contact;
  return (
    <span data-testid="report-contact">
      {[name, phone, email].filter(Boolean).join(' · ')} ({shareWithPolice ? t('publicReports.detail.sharePolice') : t('publicReports.detail.noSharePolice')})
    </span>
  );
}

/** One report: what was reported, the reporter (handlers only), photos, the steps, and the handling. */
export function PublicReportDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const report = useAsync(() => ok(http.GET('/api/public-reports/{id}', { params: { path: { id } } })), [id]);
  const r = report.data;
  if (!r) return <ErrorText error={report.error} />;
  const photo = (photoId: string) => `/api/public-reports/${encodeURIComponent(r.id)}/photos/${encodeURIComponent(photoId)}`;
  return (
    <section className="card" data-testid="public-report" data-status={r.status}>
      <p>
        <a href="#/public-reports">{t('publicReports.back')}</a>
      </p>
      <h2>
        {r.reference} <span className="badge">{enumLabel(t, 'publicReportStatus', r.status)}</span>
        {r.overdue && <span className="badge refusal"> {t('publicReports.overdue')}</span>}
      </h2>
      {r.violationType === 'ART8_1' && r.status !== 'FORWARDED' && !r.forwarding && (
        <p className="refusal" role="note" data-testid="art8-notice">
          {t('publicReports.detail.art8')}
        </p>
      )}
      <dl>
        <dt>{t('publicReports.detail.type')}</dt>
        <dd>{enumLabel(t, 'publicReportType', r.violationType)}</dd>
        <dt>{t('publicReports.detail.location')}</dt>
        <dd>{r.location}</dd>
        {r.cameraDescription && (
          <>
            <dt>{t('publicReports.detail.device')}</dt>
            <dd>{r.cameraDescription}</dd>
          </>
        )}
        <dt>{t('publicReports.detail.seen')}</dt>
        <dd>{legalDateTime(r.seenAt) || '—'}</dd>
        <dt>{t('publicReports.detail.received')}</dt>
        <dd>{legalDateTime(r.receivedAt)}</dd>
        <dt>{t('publicReports.detail.due')}</dt>
        <dd>{legalDateTime(r.firstActionDueAt)}</dd>
        <dt>{t('publicReports.detail.description')}</dt>
        <dd style={{ whiteSpace: 'pre-wrap' }}>{r.description}</dd>
        <dt>{t('publicReports.detail.reporter')}</dt>
        <dd>
          <Reporter r={r} />
        </dd>
        {r.cameraId && (
          <>
            <dt>{t('publicReports.detail.camera')}</dt>
            <dd>
              <a href={`#/cameras/${encodeURIComponent(r.cameraId)}`}>{r.cameraId}</a>
            </dd>
          </>
        )}
      </dl>
      <h3>{t('publicReports.detail.photos')}</h3>
      {r.photos.length === 0 && <p className="muted">{t('publicReports.detail.noPhotos')}</p>}
      {r.photos.length > 0 && !r.handler && <p className="muted">{t('publicReports.detail.photosHidden')}</p>}
      {r.photos.length > 0 && r.handler && (
        <div className="controls">
          {r.photos.map((p) => (
            <a key={p.id} href={photo(p.id)} target="_blank" rel="noreferrer">
              <img src={photo(p.id)} alt={`${p.kind} ${p.sha256.slice(0, 12)}`} style={{ maxWidth: 180, maxHeight: 180 }} />
            </a>
          ))}
        </div>
      )}
      <h3>{t('publicReports.detail.steps')}</h3>
      <ol data-testid="report-steps">
        {r.steps.map((s) => (
          <li key={s.id} data-action={s.action}>
            {legalDateTime(s.at)} · {enumLabel(t, 'publicReportAction', s.action)}
            {s.outcome ? `(${enumLabel(t, 'publicReportOutcome', s.outcome)})` : ''} · {s.actorName}
            {s.note ? `:${s.note}` : ''}
          </li>
        ))}
      </ol>
      {r.forwarding && (
        <p data-testid="report-forwarding">
          {t('publicReports.detail.forwarding')}: {r.forwarding.authority} · {enumLabel(t, 'publicReportChannel', r.forwarding.channel)} · {r.forwarding.forwardedByName} · {legalDateTime(r.forwarding.forwardedAt)}
          {r.handler && (
            <>
              {' '}
              <a href={`/api/public-reports/${encodeURIComponent(r.id)}/forwarding-letter.pdf`} data-testid="forwarding-letter">
                {t('publicReports.detail.letter')}
              </a>
            </>
          )}
        </p>
      )}
      {r.handler ? <PublicReportActions report={r} onDone={report.reload} /> : <p className="muted">{t('publicReports.detail.readOnly')}</p>}
    </section>
  );
}
