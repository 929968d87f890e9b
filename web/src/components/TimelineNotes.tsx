import { useTranslation } from 'react-i18next';
import type { Coverage } from '../api/types.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { clockText, type TimelineView } from '../lib/timeline-math.ts';
import type { Selection } from './Timeline.tsx';

/** The export request form for a camera and range (built by the export feature). */
export const exportFormHref = (cameraId: string, range: Selection): string =>
  `#/exports/new?camera=${encodeURIComponent(cameraId)}&from=${encodeURIComponent(new Date(range.from).toISOString())}&to=${encodeURIComponent(new Date(range.to).toISOString())}`;

/**
 * Under the timeline: the day without footage, the gaps in view with their reason, and the selected
 * range with the link to request its export.
 */
export function TimelineNotes(props: { cameraId: string; coverage: Coverage | undefined; view: TimelineView; now: number; timeZone: string; selection: Selection | null; onClear: () => void }) {
  const { cameraId, coverage, view, now, timeZone, selection } = props;
  const { t } = useTranslation();
  const gaps = (coverage?.gaps ?? []).filter((g) => Date.parse(g.fromAt) < view.to && (g.toAt ? Date.parse(g.toAt) : now) > view.from);
  return (
    <div className="timeline-notes">
      {coverage && coverage.ranges.length === 0 && (
        <p className="notice" data-testid="no-footage">
          {t('timeline.noFootage')}
        </p>
      )}
      {gaps.length > 0 && (
        <ul className="gaps" data-testid="gaps">
          {gaps.map((g) => (
            <li key={g.id} data-reason={g.reason}>
              {t('timeline.gapAt', { from: clockText(Date.parse(g.fromAt), timeZone, true), to: g.toAt ? clockText(Date.parse(g.toAt), timeZone, true) : t('timeline.ongoing'), reason: enumLabel(t, 'gapReason', g.reason) })}
            </li>
          ))}
        </ul>
      )}
      {selection ? (
        <p className="controls" data-testid="selection-bar">
          <span>{t('timeline.selected', { from: clockText(selection.from, timeZone, true), to: clockText(selection.to, timeZone, true), minutes: Math.max(1, Math.round((selection.to - selection.from) / 60_000)) })}</span>
          <a className="button" data-testid="export-range" href={exportFormHref(cameraId, selection)}>
            {t('timeline.requestExport')}
          </a>
          <button type="button" onClick={props.onClear}>
            {t('timeline.clearSelection')}
          </button>
        </p>
      ) : (
        <p className="muted">{t('timeline.hint')}</p>
      )}
    </div>
  );
}
