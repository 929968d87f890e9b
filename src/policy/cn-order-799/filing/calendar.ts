/**
 * Working-day calendar for deadline roll-forward (Civil Code art. 203). Holidays and make-up working
 * days come from holidays-2025-2026.ts; outside the loaded years only weekends are rest days and the
 * answer says so (`calendarCovered: false`), because a later State Council notice may move a holiday.
 */
import { addDays, isLegalDate, weekdayOf, type LegalDate } from '../../../shared/legal-time.ts';
import { HOLIDAY_YEARS, type HolidayYear } from './holidays-2025-2026.ts';

export type DayKind = 'WORKDAY' | 'WEEKEND' | 'HOLIDAY' | 'MAKE_UP_WORKDAY';

export interface DayInfo {
  date: LegalDate;
  kind: DayKind;
  rest: boolean;
  /** Holiday name, for HOLIDAY and MAKE_UP_WORKDAY. */
  holiday?: { zh: string; en: string };
  /** Whether the official calendar of this date's year is loaded. */
  calendarCovered: boolean;
}

interface Entry {
  kind: 'HOLIDAY' | 'MAKE_UP_WORKDAY';
  holiday: { zh: string; en: string };
}

function indexYears(years: readonly HolidayYear[]): { byDate: Map<string, Entry>; covered: Set<number> } {
  const byDate = new Map<string, Entry>();
  for (const y of years) {
    for (const p of y.periods) {
      for (let d = p.from; d <= p.to; d = addDays(d, 1)) byDate.set(d, { kind: 'HOLIDAY', holiday: p.name });
      for (const w of p.makeUpWorkdays) byDate.set(w, { kind: 'MAKE_UP_WORKDAY', holiday: p.name });
    }
  }
  return { byDate, covered: new Set(years.map((y) => y.year)) };
}

const INDEX = indexYears(HOLIDAY_YEARS);

export const CALENDAR_YEARS: readonly number[] = [...INDEX.covered].sort();

function assertDate(date: LegalDate): void {
  if (!isLegalDate(date)) throw new TypeError(`not a legal date: ${date}`);
}

/** Whether the official holiday calendar for the year of `date` is loaded. */
export function isCalendarCovered(date: LegalDate): boolean {
  assertDate(date);
  return INDEX.covered.has(Number(date.slice(0, 4)));
}

export function dayInfo(date: LegalDate): DayInfo {
  assertDate(date);
  const calendarCovered = isCalendarCovered(date);
  const entry = INDEX.byDate.get(date);
  if (entry) return { date, kind: entry.kind, rest: entry.kind === 'HOLIDAY', holiday: entry.holiday, calendarCovered };
  const wd = weekdayOf(date);
  const weekend = wd === 0 || wd === 6;
  return { date, kind: weekend ? 'WEEKEND' : 'WORKDAY', rest: weekend, calendarCovered };
}

/** A weekend that is not a make-up working day, or a public holiday. */
export function isRestDay(date: LegalDate): boolean {
  return dayInfo(date).rest;
}

export interface RolledDate {
  /** The first working day on or after the input. */
  date: LegalDate;
  /** The input, when it was a rest day and the date moved. */
  rolledFrom?: LegalDate;
  /** False when any day looked at lies in a year whose official calendar is not loaded. */
  calendarCovered: boolean;
}

/** `date` itself when it is a working day, else the next working day (Civil Code art. 203). */
export function rollToWorkingDay(date: LegalDate): RolledDate {
  let d = date;
  let covered = true;
  for (let i = 0; i < 60; i++) {
    const info = dayInfo(d);
    covered &&= info.calendarCovered;
    if (!info.rest) return d === date ? { date: d, calendarCovered: covered } : { date: d, rolledFrom: date, calendarCovered: covered };
    d = addDays(d, 1);
  }
  throw new Error(`no working day within 60 days of ${date}`);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: LegalDate): RolledDate {
  const rolled = rollToWorkingDay(addDays(date, 1));
  return { date: rolled.date, calendarCovered: rolled.calendarCovered && isCalendarCovered(date) };
}
