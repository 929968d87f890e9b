import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { listAlarms, usePolled } from '../alarms/alarm-api.ts';
import { AlarmTable } from '../alarms/AlarmTable.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTime } from '../lib/legal-time.ts';
import { TamperPanel } from './TamperPanel.tsx';

/** One camera's health (art. 15): what the recorder sees now, its open alarms and their history, and tamper detection. */
export function CameraHealthPage({ cameraId }: { cameraId: string }) {
  const { t } = useTranslation();
  const camera = useAsync(() => ok(http.GET('/api/cameras/{id}', { params: { path: { id: cameraId } } })), [cameraId]);
  const recording = usePolled(() => ok(http.GET('/api/recording/status')), []);
  const alarms = usePolled(() => listAlarms({ cameraId, limit: 200 }), [cameraId]);
  const s = recording.data?.cameras.find((c) => c.cameraId === cameraId);
  const name = camera.data?.name ?? cameraId;
  const open = alarms.data?.filter((a) => a.endedAt === null) ?? [];
  const history = alarms.data?.filter((a) => a.endedAt !== null) ?? [];
  const rows: [string, string][] = s
    ? [
        [t('alarms.camera.state'), enumLabel(t, 'recordingState', s.state)],
        [t('alarms.camera.since'), legalDateTime(s.since)],
        [t('alarms.camera.reason'), s.reason ?? s.lastError ?? '—'],
        [t('alarms.camera.fps'), `${s.fps}`],
        [t('alarms.camera.bitrate'), `${Math.round(s.bitrateBps / 1000)} kbit/s`],
        [t('alarms.camera.clockDrift'), s.clockDriftMs === null ? t('alarms.camera.noDrift') : `${s.clockDriftMs} ms`],
        [t('alarms.camera.reconnects'), `${s.reconnects}`],
        [t('alarms.camera.lastKeyframe'), s.lastKeyframeAt ? legalDateTime(s.lastKeyframeAt) : '—'],
        [t('alarms.camera.lost'), `${s.framesLost} / ${s.packetsLost}`],
      ]
    : [];
  return (
    <div className="cards" data-testid="camera-health">
      <section className="card">
        <h2>{t('alarms.camera.title', { name })}</h2>
        <p>
          <a href="#/cameras">{t('alarms.camera.back')}</a> · <a href={`#/playback/${encodeURIComponent(cameraId)}`}>{t('alarms.playback')}</a>
        </p>
        <ErrorText error={camera.error ?? recording.error} />
        <h3>{t('alarms.camera.recording')}</h3>
        {recording.data && !recording.data.enabled && <p className="muted">{t('alarms.camera.recorderOff')}</p>}
        {recording.data?.enabled && !s && <p className="muted">{t('alarms.camera.notRecorded')}</p>}
        {s && (
          <table data-testid="recording-health" data-state={s.state}>
            <tbody>
              {rows.map(([label, value]) => (
                <tr key={label}>
                  <th>{label}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h3>{t('alarms.camera.open')}</h3>
        <ErrorText error={alarms.error} />
        {alarms.data && <AlarmTable alarms={open} cameraName={() => name} onChange={alarms.reload} />}
        <h3>{t('alarms.camera.history')}</h3>
        {alarms.data && <AlarmTable alarms={history} cameraName={() => name} onChange={alarms.reload} />}
      </section>
      <TamperPanel cameraId={cameraId} />
    </div>
  );
}
