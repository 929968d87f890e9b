import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { enumLabel } from '../../i18n/enum-label.ts';
import { cameraName, shanghai, useAction, useCameras } from '../../evidence/common.ts';
import { downloadScan, readScan } from './files.ts';
import { Handovers } from './Handovers.tsx';

type Request = ResponseOf<'/api/state-organ-requests'>[number];

/**
 * State-organ requests (art. 20): the list with scope and documents, four-eyes approval (verbal for
 * an emergency), the emergency documents deadline (EMERGENCY_DOCS_OVERDUE), hand-overs and closing.
 */
export function StateOrganRequests({ userId, mayApprove, mayExport }: { userId: string; mayApprove: boolean; mayExport: boolean }) {
  const { t } = useTranslation();
  const requests = useAsync(() => ok(http.GET('/api/state-organ-requests', { params: { query: {} } })), []);
  const action = useAction(requests.reload);

  return (
    <section className="card">
      <h2>{t('stateOrgan.title')}</h2>
      <p className="muted">{t('stateOrgan.explain')}</p>
      <div className="controls">
        {mayExport && <a href="#/state-organ/new">{t('stateOrgan.new')}</a>}
        <button type="button" name="refresh" onClick={requests.reload}>
          {t('stateOrgan.refresh')}
        </button>
      </div>
      <ErrorText error={requests.error ?? action.error} />
      <div className="stack" data-testid="state-organ-requests">
        {requests.data?.map((r) => <RequestCard key={r.id} request={r} userId={userId} mayApprove={mayApprove} mayExport={mayExport} action={action} />)}
      </div>
      {requests.data?.length === 0 && <p className="muted">{t('stateOrgan.empty')}</p>}
    </section>
  );
}

function RequestCard({ request: r, userId, mayApprove, mayExport, action }: { request: Request; userId: string; mayApprove: boolean; mayExport: boolean; action: ReturnType<typeof useAction> }) {
  const { t } = useTranslation();
  const cameras = useCameras();
  const [note, setNote] = useState('');
  const [verbal, setVerbal] = useState(false);
  const mine = r.createdBy === userId;
  const documented = r.documents.some((d) => d.kind === 'LEGAL_BASIS');
  const decide = (decision: 'approve' | 'reject') =>
    action.run(() =>
      ok(
        http.POST(decision === 'approve' ? '/api/state-organ-requests/{id}/approve' : '/api/state-organ-requests/{id}/reject', {
          params: { path: { id: r.id } },
          body: { ...(note ? { note } : {}), ...(decision === 'approve' && verbal ? { verbal: true } : {}) },
        }),
      ),
    );
  const close = () => action.run(() => ok(http.POST('/api/state-organ-requests/{id}/close', { params: { path: { id: r.id } }, body: note ? { note } : {} })));

  return (
    <article className="card" data-request={r.id} data-status={r.status} data-overdue={String(r.emergencyDocsOverdue)}>
      <h3>
        {r.organName} · {enumLabel(t, 'stateOrganType', r.organType)} · {r.caseNumber} <small>({enumLabel(t, 'stateOrganStatus', r.status)})</small>
      </h3>
      <div>
        {t('stateOrgan.purpose')}: {enumLabel(t, 'stateOrganPurpose', r.purpose)}
        {r.emergency && <strong> · {t('stateOrgan.emergency')}</strong>}
      </div>
      <div>
        {t('stateOrgan.officers')}: {r.officers.map((o) => `${o.name}(${o.credentialNumber})`).join('、')}
      </div>
      <div data-testid="scope">
        {t('stateOrgan.scope')}:
        <ul>
          {r.scope.map((s, i) => (
            <li key={i}>
              {cameraName(cameras.data, s.cameraId)} {shanghai(s.from)} – {shanghai(s.to)}
            </li>
          ))}
        </ul>
      </div>
      <div>
        {t('stateOrgan.documents')}:
        <ul>
          {r.documents.map((d) => (
            <li key={d.id}>
              {d.type} {d.number} ({d.date}) <code className="muted">SHA-256 {d.sha256.slice(0, 16)}…</code>{' '}
              <button type="button" className="link" onClick={() => void action.run(() => downloadScan(r.id, d.id, d.fileName))}>
                {t('stateOrgan.downloadScan')}
              </button>
            </li>
          ))}
        </ul>
      </div>
      {r.emergencyDocsOverdue && (
        <p className="error" role="alert" data-testid="docs-overdue">
          {t('stateOrgan.overdue', { at: shanghai(r.docsDueAt) })}
        </p>
      )}
      {!r.emergencyDocsOverdue && r.docsDueAt && !documented && <p className="muted">{t('stateOrgan.docsDue', { at: shanghai(r.docsDueAt) })}</p>}
      {r.holdIds.length > 0 && (
        <div className="muted">
          {t('stateOrgan.hold')}: {r.holdIds.join(', ')}
        </div>
      )}
      {r.closedAt && <div className="muted">{t('stateOrgan.closed', { at: shanghai(r.closedAt), days: r.postCloseDays })}</div>}
      {r.decisionNote && <div className="muted">{r.decisionNote}</div>}
      {r.status === 'PENDING' && mine && <p className="muted">{t('stateOrgan.yours')}</p>}
      {(r.status === 'PENDING' || r.status === 'APPROVED') && mayApprove && !mine && (
        <div className="controls">
          <input aria-label={t('stateOrgan.note')} placeholder={t('stateOrgan.note')} value={note} onChange={(e) => setNote(e.target.value)} />
          {r.status === 'PENDING' && r.emergency && !documented && (
            <label>
              <input type="checkbox" name="verbal" checked={verbal} onChange={(e) => setVerbal(e.target.checked)} /> {t('stateOrgan.verbal')}
            </label>
          )}
          {r.status === 'PENDING' && (
            <>
              <button type="button" name="approve" disabled={action.busy} onClick={() => void decide('approve')}>
                {t('stateOrgan.approve')}
              </button>
              <button type="button" name="reject" disabled={action.busy} onClick={() => void decide('reject')}>
                {t('stateOrgan.reject')}
              </button>
            </>
          )}
        </div>
      )}
      {r.status === 'APPROVED' && mayApprove && (
        <button type="button" name="close" disabled={action.busy} onClick={() => void close()}>
          {t('stateOrgan.close')}
        </button>
      )}
      {r.emergency && !documented && mayExport && r.status !== 'CLOSED' && r.status !== 'REJECTED' && <AddDocument requestId={r.id} action={action} />}
      {(r.status === 'APPROVED' || r.status === 'CLOSED') && <Handovers requestId={r.id} scope={r.scope} mayHandOver={mayExport && r.status === 'APPROVED'} />}
    </article>
  );
}

/** The documents following an emergency request (REG-20-4). */
function AddDocument({ requestId, action }: { requestId: string; action: ReturnType<typeof useAction> }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ type: '调取证据通知书', number: '', date: '' });
  const [scan, setScan] = useState<File | null>(null);
  const submit = () =>
    action.run(async () => {
      if (!scan) return;
      await ok(http.POST('/api/state-organ-requests/{id}/documents', { params: { path: { id: requestId } }, body: { ...f, file: await readScan(scan) } }));
    });
  return (
    <form className="controls" aria-label="add-document" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <strong>{t('stateOrgan.addDocument')}</strong>
      <input name="docType" aria-label={t('stateOrgan.docType')} value={f.type} required onChange={(e) => setF((x) => ({ ...x, type: e.target.value }))} />
      <input name="docNumber" aria-label={t('stateOrgan.docNumber')} placeholder={t('stateOrgan.docNumber')} value={f.number} required onChange={(e) => setF((x) => ({ ...x, number: e.target.value }))} />
      <input type="date" name="docDate" aria-label={t('stateOrgan.docDate')} value={f.date} required onChange={(e) => setF((x) => ({ ...x, date: e.target.value }))} />
      <input type="file" name="scan" required onChange={(e) => setScan(e.target.files?.[0] ?? null)} />
      <button type="submit" disabled={action.busy}>
        {t('stateOrgan.addDocument')}
      </button>
    </form>
  );
}
