/** The playback timeline's arithmetic: days and ticks in the viewer's zone, pan and zoom within the day. */
import { describe, expect, it } from 'vitest';
import { dayBounds, HOUR, MIN_SPAN, MINUTE, monthDays, pan, ticks, zoomAt } from '../../web/src/lib/timeline-math.ts';

/** Wall-clock hour and minute of an instant, read through a second, independent formatter. */
const wall = (ms: number, timeZone: string) => new Date(ms).toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

describe('timeline ticks', () => {
  it('puts the ticks of a whole day in Asia/Shanghai on whole local hours, two hours apart', () => {
    const day = dayBounds('2026-12-03', 'Asia/Shanghai');
    expect(new Date(day.from).toISOString()).toBe('2026-12-02T16:00:00.000Z');
    expect(day.to - day.from).toBe(24 * HOUR);
    const list = ticks(day, 'Asia/Shanghai');
    expect(list.map((t) => t.label)).toEqual(['00:00', '02:00', '04:00', '06:00', '08:00', '10:00', '12:00', '14:00', '16:00', '18:00', '20:00', '22:00']);
    for (const t of list) {
      expect(t.hour).toBe(true);
      expect(wall(t.at, 'Asia/Shanghai')).toBe(t.label);
      expect(t.at >= day.from && t.at < day.to).toBe(true);
    }
  });

  it('puts hour ticks on whole hours of a half-hour zone (Asia/Kolkata), which are not whole UTC hours', () => {
    const day = dayBounds('2026-12-03', 'Asia/Kolkata');
    const view = { from: day.from + 3 * HOUR + 17 * MINUTE, to: day.from + 11 * HOUR + 17 * MINUTE };
    const list = ticks(view, 'Asia/Kolkata');
    expect(list.map((t) => t.label)).toEqual(['04:00', '05:00', '06:00', '07:00', '08:00', '09:00', '10:00', '11:00']);
    for (const t of list) {
      expect(wall(t.at, 'Asia/Kolkata')).toBe(t.label);
      expect(t.at % HOUR).toBe(30 * MINUTE);
    }
    // The same instants in Shanghai are not on whole hours there: the zone decides.
    expect(ticks(view, 'Asia/Shanghai').map((t) => t.label)).toEqual(['06:00', '07:00', '08:00', '09:00', '10:00', '11:00', '12:00', '13:00']);
  });

  it('counts a 23-hour day across the spring clock change (America/New_York) and skips the missing hour', () => {
    const day = dayBounds('2026-03-08', 'America/New_York');
    expect(day.to - day.from).toBe(23 * HOUR);
    const list = ticks({ from: day.from, to: day.from + 8 * HOUR }, 'America/New_York');
    expect(list.map((t) => t.label)).toEqual(['00:00', '01:00', '03:00', '04:00', '05:00', '06:00', '07:00', '08:00']);
  });

  it('ticks narrow windows on whole minutes', () => {
    const day = dayBounds('2026-12-03', 'Asia/Shanghai');
    const view = { from: day.from + 10 * HOUR + 2 * MINUTE + 13_000, to: day.from + 10 * HOUR + 9 * MINUTE };
    const list = ticks(view, 'Asia/Shanghai');
    expect(list.map((t) => t.label)).toEqual(['10:03', '10:04', '10:05', '10:06', '10:07', '10:08']);
  });
});

describe('timeline zoom and pan', () => {
  const day = dayBounds('2026-12-03', 'Asia/Shanghai');

  it('zooms in no narrower than five minutes and out no wider than the day', () => {
    let view = day;
    for (let i = 0; i < 20; i++) view = zoomAt(view, 0.5, day.from + 7 * HOUR, day);
    expect(view.to - view.from).toBe(MIN_SPAN);
    expect(view.from >= day.from && view.to <= day.to).toBe(true);
    for (let i = 0; i < 20; i++) view = zoomAt(view, 2, day.from + 7 * HOUR, day);
    expect(view).toEqual(day);
  });

  it('keeps the instant under the pointer where it is', () => {
    const view = { from: day.from + 6 * HOUR, to: day.from + 10 * HOUR };
    const focus = day.from + 7 * HOUR;
    const zoomed = zoomAt(view, 0.5, focus, day);
    expect(zoomed.to - zoomed.from).toBe(2 * HOUR);
    expect((focus - zoomed.from) / (zoomed.to - zoomed.from)).toBeCloseTo(0.25, 6);
  });

  it('pans within the day and stops at its ends', () => {
    const view = { from: day.from + 6 * HOUR, to: day.from + 8 * HOUR };
    expect(pan(view, 30 * MINUTE, day)).toEqual({ from: view.from + 30 * MINUTE, to: view.to + 30 * MINUTE });
    expect(pan(view, -24 * HOUR, day)).toEqual({ from: day.from, to: day.from + 2 * HOUR });
    expect(pan(view, 24 * HOUR, day)).toEqual({ from: day.to - 2 * HOUR, to: day.to });
  });
});

describe('calendar month', () => {
  it('lays out the days of a month with their local midnights, 23 hours on the spring clock change', () => {
    const days = monthDays('2026-03-15', 'America/New_York');
    expect(days).toHaveLength(31);
    expect(days[0]!.day).toBe('2026-03-01');
    expect(new Date(days[0]!.from).toISOString()).toBe('2026-03-01T05:00:00.000Z');
    const change = days.find((d) => d.day === '2026-03-08')!;
    expect(change.to - change.from).toBe(23 * HOUR);
    expect(days[30]!.to).toBe(dayBounds('2026-04-01', 'America/New_York').from);
  });
});
