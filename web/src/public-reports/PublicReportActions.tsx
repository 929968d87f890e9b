import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useCameras } from '../evidence/common.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { photoBase64 } from './photo-base64.ts';
import type { PublicReport } from './types.ts';

const OUTCOMES = ['CAMERA_REMOVED', 'CAMERA_ADJUSTED', 'NO_VIOLATION', 'OTHER'] as const;
const CHANNELS = ['HAND_DELIVERY', 'POST', 'EMAIL', 'PHONE', 'POLICE_PLATFORM', 'OTHER'] as const;

/** The handler's steps on a report: acknowledge, check, link a camera, resolve, forward to the police. */
export function PublicReportActions({ report, onDone }: { report: PublicReport; onDone: () => void }) {
  const { t } = useTranslation();
  const cameras = useCameras();
  const [note, setNote] = useState('');
  const [cameraId, setCameraId] = useState('');
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('CAMERA_REMOVED');
  const [resolveNote, setResolveNote] = useState('');
  const [evidence, setEvidence] = useState<File>();
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('HAND_DELIVERY');
  const [authority, setAuthority] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const path = { params: { path: { id: report.id } } };
  const open = report.status !== 'RESOLVED';
  const siteCameras = cameras.data?.filter((c) => c.siteId === report.siteId) ?? [];

  const run = (action: () => Promise<unknown>) => async (event?: FormEvent) => {
    event?.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      await action();
      setNote('');
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const stepBody = note ? { note } : {};

  return (
    <div className="card" data-testid="report-actions">
      {open && (
        <div className="controls">
          <label>
            {t('publicReports.act.note')}
            <input name="note" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          {report.status === 'RECEIVED' && (
            <button type="button" name="acknowledge" disabled={busy} onClick={() => void run(() => ok(http.POST('/api/public-reports/{id}/acknowledge', { ...path, body: stepBody })))()}>
              {t('publicReports.act.acknowledge')}
            </button>
          )}
          {(report.status === 'RECEIVED' || report.status === 'ACKNOWLEDGED') && (
            <button type="button" name="investigate" disabled={busy} onClick={() => void run(() => ok(http.POST('/api/public-reports/{id}/investigate', { ...path, body: stepBody })))()}>
              {t('publicReports.act.investigate')}
            </button>
          )}
        </div>
      )}
      {open && (
        <form className="controls" onSubmit={(e) => void run(() => ok(http.POST('/api/public-reports/{id}/camera', { ...path, body: { cameraId, ...stepBody } })))(e)}>
          <label>
            {t('publicReports.act.camera')}
            <select name="cameraId" required value={cameraId} onChange={(e) => setCameraId(e.target.value)}>
              <option value="">{t('publicReports.act.pickCamera')}</option>
              {siteCameras.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy || !cameraId}>{t('publicReports.act.link')}</button>
        </form>
      )}
      {open && (
        <form
          className="controls"
          data-testid="resolve-form"
          onSubmit={(e) =>
            void run(async () => {
              const evidencePhoto = evidence ? { contentBase64: await photoBase64(evidence) } : undefined;
              await ok(http.POST('/api/public-reports/{id}/resolve', { ...path, body: { outcome, note: resolveNote, ...(evidencePhoto ? { evidencePhoto } : {}) } }));
              setResolveNote('');
            })(e)
          }
        >
          <label>
            {t('publicReports.act.outcome')}
            <select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as (typeof OUTCOMES)[number])}>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {enumLabel(t, 'publicReportOutcome', o)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('publicReports.act.resolveNote')}
            <input name="resolveNote" required maxLength={2000} value={resolveNote} onChange={(e) => setResolveNote(e.target.value)} />
          </label>
          <label>
            {t('publicReports.act.evidence')}
            <input name="evidence" type="file" accept="image/*" onChange={(e) => setEvidence(e.target.files?.[0])} />
          </label>
          <button type="submit" name="resolve" disabled={busy}>{t('publicReports.act.resolve')}</button>
        </form>
      )}
      {!report.forwarding && (
        <form className="controls" data-testid="forward-form" onSubmit={(e) => void run(() => ok(http.POST('/api/public-reports/{id}/forward', { ...path, body: { channel, ...(authority ? { authority } : {}), ...stepBody } })))(e)}>
          <label>
            {t('publicReports.act.channel')}
            <select name="channel" value={channel} onChange={(e) => setChannel(e.target.value as (typeof CHANNELS)[number])}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {enumLabel(t, 'publicReportChannel', c)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('publicReports.act.authority')}
            <input name="authority" maxLength={200} value={authority} onChange={(e) => setAuthority(e.target.value)} />
          </label>
          <button type="submit" name="forward" disabled={busy}>{t('publicReports.act.forward')}</button>
        </form>
      )}
      <ErrorText error={error} />
    </div>
  );
}
