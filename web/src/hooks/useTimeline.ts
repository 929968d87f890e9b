import { useCallback, useState } from 'react';
import { pan as panView, zoomAt, type TimelineView } from '../lib/timeline-math.ts';

export type { TimelineView } from '../lib/timeline-math.ts';

/** The visible window of a day's timeline: pans and zooms (a few minutes to the whole day) within the day. */
export function useTimeline(day: TimelineView) {
  const [view, setView] = useState<TimelineView>(day);
  const [shown, setShown] = useState(day);
  if (shown.from !== day.from || shown.to !== day.to) {
    setShown(day);
    setView(day);
  }
  const zoom = useCallback((factor: number, focus?: number) => setView((v) => zoomAt(v, factor, focus ?? (v.from + v.to) / 2, day)), [day]);
  const pan = useCallback((deltaMs: number, from?: TimelineView) => setView((v) => panView(from ?? v, deltaMs, day)), [day]);
  return { view, bounds: day, zoom, pan, zoomIn: (focus?: number) => zoom(0.25, focus), zoomOut: (focus?: number) => zoom(4, focus) };
}
