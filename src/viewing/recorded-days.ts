/**
 * The days of a month that hold recorded footage, for the playback calendar: days are the viewer's
 * (any IANA time zone, Asia/Shanghai by default), so each is bounded by its local midnights.
 */
import { InvalidError } from '../shared/errors.ts';

export const LEGAL_ZONE = 'Asia/Shanghai';

export interface LocalDay {
  day: string;
  from: string;
  to: string;
}

function offsetAt(ms: number, format: Intl.DateTimeFormat): number {
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day, p.hour! % 24, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  } catch {
    throw new InvalidError('E_TIME_ZONE_INVALID', { message: { zh: '时区无效', en: 'Unknown time zone' }, details: { timeZone } });
  }
}

/** The local days of a month ('YYYY-MM') in a zone, each with its UTC bounds (23 or 25 hours across a clock change). */
export function daysOfMonth(month: string, timeZone: string): LocalDay[] {
  const format = zoneFormat(timeZone);
  const [year, m] = month.split('-').map(Number) as [number, number];
  const midnight = (d: number) => {
    const wall = Date.UTC(year, m - 1, d);
    const guess = wall - offsetAt(wall, format);
    return wall - offsetAt(guess, format);
  };
  const count = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => ({
    day: `${month}-${String(i + 1).padStart(2, '0')}`,
    from: new Date(midnight(i + 1)).toISOString(),
    to: new Date(midnight(i + 2)).toISOString(),
  }));
}
