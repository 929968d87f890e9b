import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { BundleVerification, type Verification } from './BundleVerification.tsx';
import { fetchBundle, saveFile, verifyBundleFile } from './bundle-files.ts';
import { cameraName, shanghai, useAction, useCameras } from './common.ts';

type ExportRequest = ResponseOf<'/api/export-requests'>[number];

/**
 * Export requests (art. 16, REG-16-3): the requester's own and, for an approver, those within reach.
 * Another person approves or rejects; the requester then downloads the signed bundle once, and the
 * page sends it straight back to the verifier and shows every layer.
 */
export function Exports({ userId, mayApprove, mayExport }: { userId: string; mayApprove: boolean; mayExport: boolean }) {
  const { t } = useTranslation();
  const requests = useAsync(() => ok(http.GET('/api/export-requests', { params: { query: {} } })), []);
  const cameras = useCameras();
  const action = useAction(requests.reload);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [verified, setVerified] = useState<{ fileName: string; sha256: string | null; result: Verification }>();
  const [phase, setPhase] = useState<'downloading' | 'verifying'>();

  const decide = (id: string, decision: 'approve' | 'reject') =>
    action.run(() => ok(http.POST(decision === 'approve' ? '/api/export-requests/{id}/approve' : '/api/export-requests/{id}/reject', { params: { path: { id } }, body: notes[id] ? { note: notes[id] } : {} })));

  const download = (id: string) =>
    action.run(async () => {
      setVerified(undefined);
      setPhase('downloading');
      try {
        const bundle = await fetchBundle(id);
        saveFile(bundle.blob, bundle.fileName);
        setPhase('verifying');
        setVerified({ fileName: bundle.fileName, sha256: bundle.sha256, result: await verifyBundleFile(bundle.blob) });
      } finally {
        setPhase(undefined);
      }
    });

  const row = (r: ExportRequest) => {
    const mine = r.requestedBy === userId;
    return (
      <tr key={r.id} data-request={r.id} data-status={r.status}>
        <td>{r.cameraIds.map((id) => cameraName(cameras.data, id)).join(', ')}</td>
        <td>
          {shanghai(r.from)} – {shanghai(r.to)}
        </td>
        <td>
          {t(`reason.categories.${r.reason.category}`, { defaultValue: r.reason.category })}: {r.reason.text}
          {r.basis && <div className="muted">{t(`evidence.request.basisTypes.${r.basis.type}`, { defaultValue: r.basis.type })} {r.basis.ref}</div>}
        </td>
        <td>{mine ? t('evidence.exports.you') : t('evidence.exports.someoneElse')}</td>
        <td>
          <strong>{enumLabel(t, 'exportRequestStatus', r.status)}</strong>
          {r.decisionNote && <div className="muted">{r.decisionNote}</div>}
          {r.decidedAt && <div className="muted">{shanghai(r.decidedAt)}</div>}
        </td>
        <td>
          {r.status === 'PENDING' && !mine && mayApprove && (
            <div className="controls">
              <input aria-label={t('evidence.exports.note')} placeholder={t('evidence.exports.note')} value={notes[r.id] ?? ''} onChange={(e) => setNotes((n) => ({ ...n, [r.id]: e.target.value }))} />
              <button type="button" name="approve" disabled={action.busy} onClick={() => decide(r.id, 'approve')}>
                {t('evidence.exports.approve')}
              </button>
              <button type="button" name="reject" disabled={action.busy} onClick={() => decide(r.id, 'reject')}>
                {t('evidence.exports.reject')}
              </button>
            </div>
          )}
          {r.status === 'PENDING' && mine && <span className="muted">{t('evidence.exports.waiting')}</span>}
          {r.status === 'APPROVED' && mine && mayExport && (
            <button type="button" name="download" disabled={action.busy} onClick={() => download(r.id)}>
              {t('evidence.exports.download')}
            </button>
          )}
        </td>
      </tr>
    );
  };

  return (
    <section className="card">
      <h2>{t('evidence.exports.title')}</h2>
      <p className="muted">{t('evidence.exports.explain')}</p>
      <div className="controls">
        {mayExport && <a href="#/exports/new">{t('evidence.exports.new')}</a>}
        <a href="#/exports/verify">{t('evidence.verify.title')}</a>
        <button type="button" name="refresh" onClick={requests.reload}>
          {t('evidence.exports.refresh')}
        </button>
      </div>
      <ErrorText error={requests.error ?? action.error} />
      {phase && <p role="status">{t(`evidence.exports.${phase}`)}</p>}
      {verified && (
        <>
          <p className="muted" data-testid="bundle-sha256">
            {t('evidence.exports.saved', { file: verified.fileName, sha256: verified.sha256 ?? '' })}
          </p>
          <BundleVerification result={verified.result} fileName={verified.fileName} />
        </>
      )}
      <table data-testid="export-requests">
        <thead>
          <tr>
            <th>{t('evidence.camera')}</th>
            <th>{t('evidence.range')}</th>
            <th>{t('reason.text')}</th>
            <th>{t('evidence.exports.requester')}</th>
            <th>{t('evidence.exports.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>{requests.data?.map(row)}</tbody>
      </table>
      {requests.data?.length === 0 && <p className="muted">{t('evidence.exports.empty')}</p>}
    </section>
  );
}
