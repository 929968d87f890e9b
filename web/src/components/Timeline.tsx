import type { MouseEvent } from 'react';
import type { Coverage } from '../api/types.ts';
import type { TimelineView } from '../hooks/useTimeline.ts';

const pct = (ms: number, view: TimelineView) => `${(((ms - view.from) / (view.to - view.from)) * 100).toFixed(3)}%`;
const width = (from: number, to: number, view: TimelineView) => `${((Math.max(0, to - from) / (view.to - view.from)) * 100).toFixed(3)}%`;

function ticks(view: TimelineView): number[] {
  const span = view.to - view.from;
  const step = [60_000, 300_000, 900_000, 3_600_000, 10_800_000].find((s) => span / s <= 12) ?? 10_800_000;
  const out: number[] = [];
  for (let t = Math.ceil(view.from / step) * step; t < view.to; t += step) out.push(t);
  return out;
}

/** A camera's day: recorded coverage (merged ranges), gaps as gaps, the cursor; a click picks an instant. */
export function Timeline({ view, coverage, cursor, onPick }: { view: TimelineView; coverage: Coverage | undefined; cursor: number | null; onPick: (ms: number) => void }) {
  const clip = (from: number, to: number): [number, number] | null => (to <= view.from || from >= view.to ? null : [Math.max(from, view.from), Math.min(to, view.to)]);
  const pick = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    onPick(Math.round(view.from + ((event.clientX - box.left) / box.width) * (view.to - view.from)));
  };
  return (
    <div className="timeline" onClick={pick} data-testid="timeline">
      {coverage?.ranges.map((r) => {
        const c = clip(Date.parse(r.from), Date.parse(r.to));
        return c && <div key={r.from} className="covered" style={{ left: pct(c[0], view), width: width(c[0], c[1], view) }} title={`${r.from} – ${r.to}`} />;
      })}
      {coverage?.gaps.map((g) => {
        const c = clip(Date.parse(g.fromAt), g.toAt ? Date.parse(g.toAt) : Date.now());
        return c && <div key={g.id} className="gap" style={{ left: pct(c[0], view), width: width(c[0], c[1], view) }} title={g.reason} />;
      })}
      {ticks(view).map((t) => (
        <span key={t} className="tick" style={{ left: pct(t, view) }}>
          {new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
        </span>
      ))}
      {cursor !== null && cursor >= view.from && cursor <= view.to && <div className="cursor" style={{ left: pct(cursor, view) }} />}
    </div>
  );
}
