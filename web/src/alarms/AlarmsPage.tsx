import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { ALARM_CATEGORIES, listAlarms, POLL_MS, shanghaiDay, usePolled, type AlarmCategory, type AlarmListQuery } from './alarm-api.ts';
import { AlarmTable } from './AlarmTable.tsx';

interface Filters {
  open: boolean;
  unacknowledged: boolean;
  category: AlarmCategory | '';
  cameraId: string;
  /** Beijing-time days, YYYY-MM-DD. */
  fromDay: string;
  toDay: string;
}

const NO_FILTERS: Filters = { open: false, unacknowledged: false, category: '', cameraId: '', fromDay: '', toDay: '' };

function queryOf(f: Filters): AlarmListQuery {
  return {
    ...(f.open ? { open: 'true' } : {}),
    ...(f.unacknowledged ? { unacknowledged: 'true' } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.cameraId ? { cameraId: f.cameraId } : {}),
    ...(f.fromDay ? { from: shanghaiDay(f.fromDay).from } : {}),
    ...(f.toDay ? { to: shanghaiDay(f.toDay).to } : {}),
  };
}

/** Every alarm within the caller's reach (the API filters), filtered, refreshed every few seconds. */
export function AlarmsPage({ cameraId }: { cameraId?: string | null }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ ...NO_FILTERS, cameraId: cameraId ?? '' });
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const cameras = useAsync(() => ok(http.GET('/api/cameras')), []);
  const alarms = usePolled(() => listAlarms(queryOf(filters)), [filters]);
  const cameraName = (id: string) => cameras.data?.find((c) => c.id === id)?.name ?? id;
  return (
    <section className="card" data-testid="alarms-page">
      <h2>{t('alarms.title')}</h2>
      <div className="controls">
        <label className="check">
          <input type="checkbox" name="open" checked={filters.open} onChange={(e) => set({ open: e.target.checked })} /> {t('alarms.filter.open')}
        </label>
        <label className="check">
          <input type="checkbox" name="unacknowledged" checked={filters.unacknowledged} onChange={(e) => set({ unacknowledged: e.target.checked })} /> {t('alarms.filter.unacknowledged')}
        </label>
        <label>
          {t('alarms.filter.category')}{' '}
          <select name="category" value={filters.category} onChange={(e) => set({ category: e.target.value as AlarmCategory | '' })}>
            <option value="">{t('alarms.filter.all')}</option>
            {ALARM_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {enumLabel(t, 'alarmCategory', c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('alarms.filter.camera')}{' '}
          <select name="camera" value={filters.cameraId} onChange={(e) => set({ cameraId: e.target.value })}>
            <option value="">{t('alarms.filter.all')}</option>
            {cameras.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('alarms.filter.from')} <input type="date" name="from" value={filters.fromDay} onChange={(e) => set({ fromDay: e.target.value })} />
        </label>
        <label>
          {t('alarms.filter.to')} <input type="date" name="to" value={filters.toDay} onChange={(e) => set({ toDay: e.target.value })} />
        </label>
        <button type="button" onClick={() => setFilters(NO_FILTERS)}>
          {t('alarms.filter.clear')}
        </button>
        <span className="muted">{t('alarms.refreshing', { seconds: POLL_MS / 1000 })}</span>
      </div>
      <ErrorText error={alarms.error ?? cameras.error} />
      {alarms.data && <AlarmTable alarms={alarms.data} cameraName={cameraName} onChange={alarms.reload} />}
    </section>
  );
}
