import { useTranslation } from 'react-i18next';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTime } from '../lib/legal-time.ts';
import { AcknowledgeForm } from './AcknowledgeForm.tsx';
import { AlarmDetails } from './AlarmDetails.tsx';
import type { Alarm } from './alarm-api.ts';
import { SnapshotButton } from './SnapshotButton.tsx';

/** Alarms with severity, kind, camera, start and end (Beijing time), details, snapshots and acknowledgement. */
export function AlarmTable({ alarms, cameraName, onChange }: { alarms: Alarm[]; cameraName: (id: string) => string; onChange: () => void }) {
  const { t } = useTranslation();
  if (alarms.length === 0) return <p className="muted">{t('alarms.none')}</p>;
  return (
    <table className="alarms" data-testid="alarm-table">
      <thead>
        <tr>
          <th>{t('alarms.col.severity')}</th>
          <th>{t('alarms.col.kind')}</th>
          <th>{t('alarms.col.camera')}</th>
          <th>{t('alarms.col.started')}</th>
          <th>{t('alarms.col.ended')}</th>
          <th>{t('alarms.col.details')}</th>
          <th>{t('alarms.col.acknowledgement')}</th>
        </tr>
      </thead>
      <tbody>
        {alarms.map((a) => (
          <tr key={a.id} data-alarm={a.id} data-kind={a.kind} data-category={a.category}>
            <td>
              <span className={`badge ${a.severity}`}>{enumLabel(t, 'alarmSeverity', a.severity)}</span>
            </td>
            <td>
              {enumLabel(t, 'alarmKind', a.kind)} <span className="muted">{t('alarms.article', { article: a.article })}</span>
            </td>
            <td>
              {a.cameraId ? (
                <>
                  <a href={`#/health/${encodeURIComponent(a.cameraId)}`}>{cameraName(a.cameraId)}</a>{' '}
                  <a className="muted" href={`#/playback/${encodeURIComponent(a.cameraId)}?at=${encodeURIComponent(a.startedAt)}`}>
                    {t('alarms.playback')}
                  </a>
                </>
              ) : (
                t('alarms.system')
              )}
            </td>
            <td>{legalDateTime(a.startedAt)}</td>
            <td>{a.endedAt ? (a.endedAt === a.startedAt ? '—' : legalDateTime(a.endedAt)) : <span className="badge offline">{t('alarms.ongoing')}</span>}</td>
            <td>
              <AlarmDetails alarm={a} />
              <SnapshotButton alarm={a} />
            </td>
            <td data-testid="acknowledgement">
              {a.acknowledgement ? (
                t('alarms.acknowledgedBy', { name: a.acknowledgement.name, unit: a.acknowledgement.unitName, at: legalDateTime(a.acknowledgement.at), comment: a.acknowledgement.comment })
              ) : (
                <AcknowledgeForm alarm={a} onDone={onChange} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
