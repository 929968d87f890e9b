import { useCallback, useState } from 'react';

const DAY = 86_400_000;
const MINUTE = 60_000;

export interface TimelineView {
  from: number;
  to: number;
}

/** The visible window of a day's timeline: zoom from the whole day down to one minute around a focus. */
export function useTimeline(dayStart: number) {
  const [view, setView] = useState<TimelineView>({ from: dayStart, to: dayStart + DAY });
  const [shownDay, setShownDay] = useState(dayStart);
  if (shownDay !== dayStart) {
    setShownDay(dayStart);
    setView({ from: dayStart, to: dayStart + DAY });
  }
  const zoom = useCallback(
    (factor: number, focus?: number) => {
      setView((v) => {
        const span = Math.min(DAY, Math.max(MINUTE, (v.to - v.from) * factor));
        const center = focus ?? (v.from + v.to) / 2;
        const from = Math.min(Math.max(dayStart, center - span / 2), dayStart + DAY - span);
        return { from, to: from + span };
      });
    },
    [dayStart],
  );
  return { view, zoomIn: (focus?: number) => zoom(0.25, focus), zoomOut: (focus?: number) => zoom(4, focus) };
}
