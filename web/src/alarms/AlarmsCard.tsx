import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTime } from '../lib/legal-time.ts';
import { ALARM_CATEGORIES, listAlarms, usePolled } from './alarm-api.ts';

/** The dashboard's alarm card: open alarms by category and the latest unacknowledged, each a link. */
export function AlarmsCard() {
  const { t } = useTranslation();
  const open = usePolled(() => listAlarms({ open: 'true' }), []);
  const unacknowledged = usePolled(() => listAlarms({ unacknowledged: 'true', limit: 5 }), []);
  const counts = ALARM_CATEGORIES.map((category) => ({ category, n: open.data?.filter((a) => a.category === category).length ?? 0 }));
  return (
    <section className="card" data-testid="dashboard-alarms">
      <h3>
        {t('alarms.dash.title')} <a href="#/alarms">{t('alarms.dash.all')}</a>
      </h3>
      <ErrorText error={open.error ?? unacknowledged.error} />
      {open.data && open.data.length === 0 && <p className="muted">{t('alarms.dash.noneOpen')}</p>}
      {open.data && open.data.length > 0 && (
        <p>
          {t('alarms.dash.open')}:{' '}
          {counts.map(({ category, n }) => (
            <span key={category} className={`badge ${n > 0 ? category : ''}`} data-category={category} data-count={n}>
              {enumLabel(t, 'alarmCategory', category)} {n}
            </span>
          ))}
        </p>
      )}
      {unacknowledged.data && unacknowledged.data.length > 0 && (
        <>
          <h4>{t('alarms.dash.latest')}</h4>
          <ul>
            {unacknowledged.data.slice(0, 5).map((a) => (
              <li key={a.id} data-alarm={a.id}>
                <span className={`badge ${a.severity}`}>{enumLabel(t, 'alarmSeverity', a.severity)}</span>{' '}
                <a href={a.cameraId ? `#/health/${encodeURIComponent(a.cameraId)}` : '#/alarms'}>{enumLabel(t, 'alarmKind', a.kind)}</a> <span className="muted">{legalDateTime(a.startedAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
