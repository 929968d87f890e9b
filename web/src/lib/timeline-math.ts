/**
 * The playback timeline's arithmetic, free of React and the DOM: days and ticks in a time zone (the
 * viewer's), and the visible window's pan and zoom within bounds (from a few minutes to the whole day).
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** The narrowest window the timeline zooms to. */
export const MIN_SPAN = 5 * MINUTE;

export interface TimelineView {
  from: number;
  to: number;
}

export interface Tick {
  at: number;
  label: string;
  /** A whole hour in the zone (drawn stronger). */
  hour: boolean;
}

/** The viewer's time zone as the browser reports it. */
export const viewerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const formats = new Map<string, Intl.DateTimeFormat>();
function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, format);
  }
  return format;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock fields of an instant in a zone. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatOf(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** The zone's offset from UTC at an instant (ms, east positive). */
export function zoneOffset(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant a wall-clock time in the zone stands for (the earlier one where a clock change repeats it). */
export function zonedInstant(year: number, month: number, day: number, timeZone: string, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall - zoneOffset(wall, timeZone);
  guess = wall - zoneOffset(guess, timeZone);
  return guess;
}

/** A local date (YYYY-MM-DD) of an instant in the zone. */
export function localDay(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const parseDay = (day: string): [number, number, number] => {
  const [y, m, d] = day.split('-').map(Number);
  return [y!, m!, d!];
};

/** Start and end of a local day in the zone (23 or 25 hours long across a clock change). */
export function dayBounds(day: string, timeZone: string): TimelineView {
  const [y, m, d] = parseDay(day);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return { from: zonedInstant(y, m, d, timeZone), to: zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone) };
}

/** The days (YYYY-MM-DD) of the month that holds `day`, each with its bounds in the zone. */
export function monthDays(day: string, timeZone: string): { day: string; from: number; to: number }[] {
  const [y, m] = parseDay(day);
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => {
    const text = `${y}-${String(m).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`;
    return { day: text, ...dayBounds(text, timeZone) };
  });
}

/** Tick steps in minutes, smallest first; whole hours from 60 up. */
const STEPS = [1, 5, 10, 15, 30, 60, 120, 180, 360];

/**
 * Ticks of a window on whole local minutes (narrow windows) or whole local hours (wide windows) of the
 * zone, at most about `maxTicks` of them. Whole hours are whole in the zone, also where its offset is
 * not whole hours (e.g. Asia/Kolkata) and across clock changes.
 */
export function ticks(view: TimelineView, timeZone: string, maxTicks = 12): Tick[] {
  const span = view.to - view.from;
  const stepMin = STEPS.find((s) => span / (s * MINUTE) <= maxTicks) ?? STEPS[STEPS.length - 1]!;
  // Every zone's offset today is a multiple of 15 minutes: candidates on that grid (or finer) find every tick.
  const grid = Math.min(stepMin, 15) * MINUTE;
  const out: Tick[] = [];
  for (let at = Math.ceil(view.from / grid) * grid; at < view.to; at += grid) {
    const p = localParts(at, timeZone);
    const minuteOfDay = p.hour * 60 + p.minute;
    if (p.second !== 0 || minuteOfDay % stepMin !== 0) continue;
    out.push({ at, label: `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`, hour: p.minute === 0 });
  }
  return out;
}

const clampSpan = (span: number, bounds: TimelineView) => Math.min(bounds.to - bounds.from, Math.max(MIN_SPAN, span));

/** A window of the given span placed within bounds, as near to `from` as it can be. */
function place(from: number, span: number, bounds: TimelineView): TimelineView {
  const start = Math.min(Math.max(bounds.from, from), bounds.to - span);
  return { from: start, to: start + span };
}

/** Zooms by `factor` (below 1 zooms in) keeping the instant `focus` where it is on screen. */
export function zoomAt(view: TimelineView, factor: number, focus: number, bounds: TimelineView): TimelineView {
  const span = view.to - view.from;
  const next = clampSpan(span * factor, bounds);
  const ratio = span > 0 ? Math.min(1, Math.max(0, (focus - view.from) / span)) : 0.5;
  return place(focus - ratio * next, next, bounds);
}

/** Moves the window by `deltaMs` (positive: later), never past the bounds. */
export function pan(view: TimelineView, deltaMs: number, bounds: TimelineView): TimelineView {
  return place(view.from + deltaMs, clampSpan(view.to - view.from, bounds), bounds);
}

/** The instant at a horizontal position (px) of an element `width` px wide showing `view`. */
export const instantAt = (x: number, width: number, view: TimelineView): number => Math.round(view.from + (x / width) * (view.to - view.from));

/** HH:MM (or HH:MM:SS) of an instant in the zone. */
export function clockText(ms: number, timeZone: string, seconds = false): string {
  const p = localParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.hour)}:${two(p.minute)}${seconds ? `:${two(p.second)}` : ''}`;
}
