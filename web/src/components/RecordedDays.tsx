import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { monthDays } from '../lib/timeline-math.ts';

const shiftMonth = (day: string, by: number): string => {
  const [y, m] = day.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
};

/** A month of days in the viewer's zone; days with recorded footage are marked (the camera's recorded days in that zone). */
export function RecordedDays({ cameraId, day, timeZone, onPick }: { cameraId: string; day: string; timeZone: string; onPick: (day: string) => void }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(day);
  const days = useMemo(() => monthDays(month, timeZone), [month, timeZone]);
  const first = days[0]!;
  const recordedDays = useAsync(
    () => (cameraId ? ok(http.GET('/api/cameras/{id}/recorded-days', { params: { path: { id: cameraId }, query: { month: month.slice(0, 7), timeZone } } })) : Promise.resolve(undefined)),
    [cameraId, month, timeZone],
  );
  const recorded = useMemo(() => new Set(recordedDays.data?.days ?? []), [recordedDays.data]);
  // Monday first: blank cells before the 1st.
  const lead = (new Date(`${first.day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return (
    <div className="recorded-days" data-testid="recorded-days" aria-label={t('timeline.calendar')}>
      <div className="controls">
        <button type="button" aria-label={t('timeline.previousMonth')} onClick={() => setMonth(shiftMonth(month, -1))}>
          ‹
        </button>
        <strong>{month.slice(0, 7)}</strong>
        <button type="button" aria-label={t('timeline.nextMonth')} onClick={() => setMonth(shiftMonth(month, 1))}>
          ›
        </button>
      </div>
      <div className="month-grid">
        {t('timeline.weekdays').split(' ').map((w) => (
          <span key={w} className="muted">
            {w}
          </span>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <span key={`lead-${i}`} />
        ))}
        {days.map((d) => (
          <button
            key={d.day}
            type="button"
            data-day={d.day}
            className={`${recorded.has(d.day) ? 'recorded' : ''}${d.day === day ? ' chosen' : ''}`}
            aria-pressed={d.day === day}
            title={recorded.has(d.day) ? t('timeline.hasFootage') : t('timeline.noFootageDay')}
            onClick={() => onPick(d.day)}
          >
            {Number(d.day.slice(8))}
          </button>
        ))}
      </div>
    </div>
  );
}
