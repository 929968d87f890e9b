import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coverage } from '../api/types.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { instantAt, ticks, type TimelineView } from '../lib/timeline-math.ts';

const pct = (ms: number, view: TimelineView) => `${(((ms - view.from) / (view.to - view.from)) * 100).toFixed(3)}%`;
const width = (from: number, to: number, view: TimelineView) => `${((Math.max(0, to - from) / (view.to - view.from)) * 100).toFixed(3)}%`;
/** Pointer travel (px) below which a press is a click, not a drag. */
const CLICK_SLOP = 4;
const WHEEL_FACTOR = 1.25;
/** Ticks this close to either end (share of the width) are left out: their labels would be cut. */
const EDGE = 0.02;

export interface Selection {
  from: number;
  to: number;
}

/** An event on the timeline (an alarm's start): coloured by category, a click seeks to it. */
export interface TimelineMark {
  id: string;
  at: number;
  category: string;
  kind: string;
  title: string;
}

export interface TimelineProps {
  view: TimelineView;
  coverage: Coverage | undefined;
  cursor: number | null;
  now: number;
  timeZone: string;
  selection: Selection | null;
  onPick: (ms: number) => void;
  /** Pans by deltaMs from the window the drag started on. */
  onPan: (deltaMs: number, from: TimelineView) => void;
  onZoom: (factor: number, focus: number) => void;
  onSelect: (selection: Selection | null) => void;
  marks?: TimelineMark[];
  /** A click on a mark: its instant. */
  onMark?: (ms: number) => void;
}

interface Drag {
  x: number;
  view: TimelineView;
  /** Pan the window, draw a new selection, or move one end of the selection (its handles). */
  mode: 'pan' | 'select' | 'from' | 'to';
  /** The end of the selection that stays where it is while the other follows the pointer. */
  fixed: number;
  moved: boolean;
  /** The instant of the mark the press began on (pointer capture hides it from the release). */
  mark: number | undefined;
}

/**
 * A camera's day: recorded coverage, gaps with their reason, ticks on whole hours of the viewer's zone,
 * the now marker and the cursor. Drag pans, the wheel zooms around the pointer, a click picks an
 * instant, shift-drag selects a range whose two handles then move its ends.
 */
export function Timeline(props: TimelineProps) {
  const { view, coverage, cursor, now, timeZone, selection } = props;
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const [dragging, setDragging] = useState(false);
  const latest = useRef(props);
  latest.current = props;

  // React's wheel listener is passive; zooming must keep the page from scrolling.
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const { view: v, onZoom } = latest.current;
      onZoom(event.deltaY > 0 ? WHEEL_FACTOR : 1 / WHEEL_FACTOR, instantAt(event.clientX - rect.left, rect.width, v));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const at = (event: PointerEvent<HTMLDivElement>, v: TimelineView) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return instantAt(event.clientX - rect.left, rect.width, v);
  };
  const down = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const handle = (event.target as HTMLElement).dataset.handle;
    const mode = selection && (handle === 'from' || handle === 'to') ? handle : event.shiftKey ? 'select' : 'pan';
    const fixed = mode === 'from' ? selection!.to : mode === 'to' ? selection!.from : at(event, view);
    const markAt = (event.target as HTMLElement).dataset.markAt;
    drag.current = { x: event.clientX, view, mode, fixed, moved: false, mark: markAt ? Date.parse(markAt) : undefined };
  };
  const move = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = event.clientX - d.x;
    if (!d.moved && Math.abs(dx) < CLICK_SLOP) return;
    if (!d.moved) setDragging(true);
    d.moved = true;
    const rect = event.currentTarget.getBoundingClientRect();
    if (d.mode !== 'pan') {
      const end = at(event, d.view);
      props.onSelect({ from: Math.min(d.fixed, end), to: Math.max(d.fixed, end) });
    } else {
      props.onPan(-(dx / rect.width) * (d.view.to - d.view.from), d.view);
    }
  };
  const up = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    setDragging(false);
    if (!d || d.moved) return;
    if (d.mark !== undefined && props.onMark) props.onMark(d.mark);
    else props.onPick(at(event, view));
  };

  const clip = (from: number, to: number): [number, number] | null => (to <= view.from || from >= view.to ? null : [Math.max(from, view.from), Math.min(to, view.to)]);
  const sel = selection && clip(selection.from, selection.to);
  const span = view.to - view.from;
  const shownTicks = ticks(view, timeZone).filter((tick) => (tick.at - view.from) / span > EDGE && (view.to - tick.at) / span > EDGE);
  return (
    <div
      ref={box}
      className={`timeline${dragging ? ' dragging' : ''}`}
      data-testid="timeline"
      data-from={new Date(view.from).toISOString()}
      data-to={new Date(view.to).toISOString()}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={() => (drag.current = null)}
      title={t('timeline.hint')}
    >
      {coverage?.ranges.map((r) => {
        const c = clip(Date.parse(r.from), Date.parse(r.to));
        return c && <div key={r.from} className="covered" style={{ left: pct(c[0], view), width: width(c[0], c[1], view) }} />;
      })}
      {coverage?.gaps.map((g) => {
        const c = clip(Date.parse(g.fromAt), g.toAt ? Date.parse(g.toAt) : now);
        return c && <div key={g.id} className="gap" data-reason={g.reason} style={{ left: pct(c[0], view), width: width(c[0], c[1], view) }} title={t('player.gap', { reason: enumLabel(t, 'gapReason', g.reason) })} />;
      })}
      {shownTicks.map((tick) => (
        <span key={tick.at} className={`tick${tick.hour ? ' hour' : ''}`} data-at={new Date(tick.at).toISOString()} style={{ left: pct(tick.at, view) }}>
          {tick.label}
        </span>
      ))}
      {sel && <div className="selection" data-testid="selection" style={{ left: pct(sel[0], view), width: width(sel[0], sel[1], view) }} />}
      {selection && selection.from >= view.from && <div className="handle" data-handle="from" data-testid="selection-from" style={{ left: pct(selection.from, view) }} title={t('timeline.handle')} />}
      {selection && selection.to <= view.to && <div className="handle" data-handle="to" data-testid="selection-to" style={{ left: pct(selection.to, view) }} title={t('timeline.handle')} />}
      {props.marks
        ?.filter((m) => m.at >= view.from && m.at <= view.to)
        .map((m) => (
          <div key={m.id} className={`alarm-mark ${m.category}`} data-testid="alarm-mark" data-alarm={m.id} data-kind={m.kind} data-mark-at={new Date(m.at).toISOString()} style={{ left: pct(m.at, view) }} title={m.title} />
        ))}
      {now >= view.from && now <= view.to && <div className="now" data-testid="now-marker" style={{ left: pct(now, view) }} title={t('timeline.now')} />}
      {cursor !== null && cursor >= view.from && cursor <= view.to && <div className="cursor" style={{ left: pct(cursor, view) }} />}
    </div>
  );
}
