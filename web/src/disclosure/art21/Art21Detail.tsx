import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { cameraName, shanghai, useCameras } from '../../evidence/common.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { go } from '../../hooks/useRoute.ts';
import { enumLabel } from '../../i18n/enum-label.ts';
import { legalDateTime } from '../../lib/legal-time.ts';
import { Art21Acknowledge } from './Art21Acknowledge.tsx';
import { Art21Decision } from './Art21Decision.tsx';
import { keepSession } from './session-store.ts';
import { CounterProof } from '../../public/CounterProof.tsx';

/** One request: what was asked, the decision (or the form for it), the notice, the acknowledgement and the sessions. */
export function Art21Detail({ id, mayApprove, mayPlayback, userId }: { id: string; mayApprove: boolean; mayPlayback: boolean; userId: string }) {
  const { t } = useTranslation();
  const request = useAsync(() => ok(http.GET('/api/art21-requests/{id}', { params: { path: { id } } })), [id]);
  const sessions = useAsync(() => ok(http.GET('/api/art21-requests/{id}/sessions', { params: { path: { id } } })), [id]);
  const cameras = useCameras();
  const [error, setError] = useState<unknown>();
  const r = request.data;

  const start = async () => {
    setError(undefined);
    try {
      const opened = await ok(http.POST('/api/art21-requests/{id}/sessions', { params: { path: { id } }, body: {} }));
      keepSession(opened);
      go(`art21/view/${encodeURIComponent(opened.session.id)}`);
    } catch (e) {
      setError(e);
    }
  };

  if (!r) return <ErrorText error={request.error} />;
  return (
    <section className="card" data-testid="art21-detail" data-status={r.status}>
      <p>
        <a href="#/art21">{t('art21.back')}</a>
      </p>
      <h2>
        {r.requester.name} <span className="badge">{enumLabel(t, 'art21Status', r.status)}</span>
      </h2>
      <dl>
        <dt>{t('art21.detail.requester')}</dt>
        <dd>
          {enumLabel(t, 'art21Relationship', r.relationship)}
          {r.relationshipSubtype ? `(${r.relationshipSubtype})` : ''} · {enumLabel(t, 'art21IdType', r.requester.idType)} {r.requester.idNumber}
          {r.requester.employer ? ` · ${r.requester.employer}` : ''}
        </dd>
        <dt>{t('art21.detail.relatedPerson')}</dt>
        <dd>{r.relatedPerson}</dd>
        <dt>{t('art21.detail.incident')}</dt>
        <dd>
          {legalDateTime(r.incidentAt)} · {r.incidentPlace} · {enumLabel(t, 'art21Purpose', r.purpose)}
        </dd>
        <dt>{t('art21.detail.description')}</dt>
        <dd>{r.purposeDescription}</dd>
        <dt>{t('art21.col.due')}</dt>
        <dd>{legalDateTime(r.dueAt)}</dd>
        <dt>{t('art21.detail.documents')}</dt>
        <dd>
          <ul>
            {r.documents.map((d) => (
              <li key={d.id}>
                <a href={`/api/art21-requests/${encodeURIComponent(r.id)}/documents/${encodeURIComponent(d.id)}`}>{d.fileName}</a> {enumLabel(t, 'art21DocumentKind', d.kind)} <code className="muted">{d.sha256}</code>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {mayPlayback && <CounterProof request={r} onDone={request.reload} />}

      {r.status === 'PENDING_CONSENT' && mayApprove && r.receivedBy !== userId && <Art21Decision request={r} onDone={request.reload} />}

      {r.decidedAt && (
        <>
          <h3>{t('art21.detail.decision')}</h3>
          <p className="muted">{t('art21.detail.decidedAt', { at: legalDateTime(r.decidedAt) })}</p>
          {r.decisionReason && <p>{r.decisionReason}</p>}
        </>
      )}
      {r.scope.length > 0 && (
        <>
          <h4>{t('art21.detail.scope')}</h4>
          <ul data-testid="art21-scope">
            {r.scope.map((s) => (
              <li key={`${s.cameraId}${s.from}`}>
                {cameraName(cameras.data, s.cameraId)}: {shanghai(s.from)} – {shanghai(s.to)}
              </li>
            ))}
          </ul>
          {r.scopeJustification && <p>{t('art21.detail.justification')}: {r.scopeJustification}</p>}
        </>
      )}
      {r.notification && (
        <div className="card" data-testid="art21-notice">
          <h4>{t('art21.detail.notice')}</h4>
          <pre lang="zh-CN" style={{ whiteSpace: 'pre-wrap' }}>{r.notification.zh}</pre>
          <pre lang="en" style={{ whiteSpace: 'pre-wrap' }}>{r.notification.en}</pre>
          <button type="button" onClick={() => window.print()}>{t('art21.detail.print')}</button>
        </div>
      )}

      {r.status === 'APPROVED' && mayPlayback && (
        <>
          {!r.acknowledgement && <Art21Acknowledge requestId={r.id} onDone={request.reload} />}
          {r.acknowledgement && (
            <p className="muted" data-testid="art21-ack-done">
              {t('art21.detail.ackDone', { name: r.acknowledgement.signedName, at: legalDateTime(r.acknowledgement.acknowledgedAt) })}
            </p>
          )}
          <div className="controls">
            <button type="button" name="start-session" onClick={() => void start()}>
              {t('art21.session.start')}
            </button>
            {!r.acknowledgement && <span className="muted">{t('art21.session.needsAck')}</span>}
          </div>
        </>
      )}
      <ErrorText error={error} />

      <h3>{t('art21.detail.sessions')}</h3>
      {sessions.data?.length === 0 && <p className="muted">{t('art21.detail.noSessions')}</p>}
      <ul>
        {sessions.data?.map((s) => (
          <li key={s.id}>
            {legalDateTime(s.startedAt)} – {legalDateTime(s.endedAt ?? s.expiresAt)} · {s.ranges.map((x) => `${cameraName(cameras.data, x.cameraId)} ${shanghai(x.from)}–${shanghai(x.to)}`).join(';')} <code className="muted">{s.registerEntryId}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
