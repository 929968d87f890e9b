import { describe, expect, it } from 'vitest';
import { dayInfo, isCalendarCovered, isRestDay, nextWorkingDay, rollToWorkingDay } from '../../src/policy/cn-order-799/filing/calendar.ts';
import { HOLIDAY_YEARS } from '../../src/policy/cn-order-799/filing/holidays-2025-2026.ts';
import { weekdayOf } from '../../src/shared/legal-time.ts';

describe('holiday calendar 2025–2026', () => {
  it.each([
    ['2025-01-01', true],
    ['2025-01-26', false], // Sunday, make-up working day (春节)
    ['2025-01-28', true],
    ['2025-02-04', true],
    ['2025-02-08', false], // Saturday, make-up working day
    ['2025-04-04', true],
    ['2025-04-27', false], // Sunday, make-up working day (劳动节)
    ['2025-05-01', true],
    ['2025-05-05', true],
    ['2025-05-06', false],
    ['2025-05-31', true],
    ['2025-06-02', true],
    ['2025-06-30', false],
    ['2025-09-28', false], // Sunday, make-up working day
    ['2025-10-08', true],
    ['2025-10-11', false], // Saturday, make-up working day
    ['2025-10-12', true], // ordinary Sunday
    ['2026-01-03', true],
    ['2026-01-04', false], // Sunday, make-up working day (元旦)
    ['2026-02-14', false],
    ['2026-02-15', true],
    ['2026-02-23', true],
    ['2026-02-28', false],
    ['2026-05-09', false],
    ['2026-06-19', true],
    ['2026-09-20', false],
    ['2026-09-25', true],
    ['2026-10-07', true],
    ['2026-10-10', false],
  ])('%s is a rest day: %s', (date, rest) => {
    expect(isRestDay(date)).toBe(rest);
  });

  it('make-up working days fall on weekends and holidays are named', () => {
    for (const y of HOLIDAY_YEARS) {
      for (const p of y.periods) {
        for (const w of p.makeUpWorkdays) expect([0, 6]).toContain(weekdayOf(w));
        expect(p.from <= p.to).toBe(true);
        expect(p.from.slice(0, 4)).toBe(String(y.year));
      }
    }
    expect(dayInfo('2025-10-03')).toMatchObject({ kind: 'HOLIDAY', rest: true, holiday: { zh: '国庆节、中秋节' } });
    expect(dayInfo('2025-04-27')).toMatchObject({ kind: 'MAKE_UP_WORKDAY', rest: false });
  });

  it('counts the official numbers of holiday days per year (2025: 28 incl. weekends; 2026: 33)', () => {
    const restDaysIn = (year: number): number => {
      const y = HOLIDAY_YEARS.find((h) => h.year === year);
      let n = 0;
      for (const p of y?.periods ?? []) n += (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 + 1;
      return n;
    };
    // 2025: 1 + 8 + 3 + 5 + 3 + 8; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7
    expect(restDaysIn(2025)).toBe(28);
    expect(restDaysIn(2026)).toBe(33);
  });

  it('outside the loaded years only weekends rest, and the answer says the calendar is not covered', () => {
    expect(isCalendarCovered('2027-01-01')).toBe(false);
    expect(isCalendarCovered('2026-12-31')).toBe(true);
    // 2027-01-01 is a Friday: a holiday in reality, but no official 2027 calendar is loaded.
    expect(isRestDay('2027-01-01')).toBe(false);
    expect(rollToWorkingDay('2027-01-02')).toEqual({ date: '2027-01-04', rolledFrom: '2027-01-02', calendarCovered: false });
    expect(rollToWorkingDay('2026-12-31')).toEqual({ date: '2026-12-31', calendarCovered: true });
  });

  it('nextWorkingDay is strictly after the date and skips holidays', () => {
    expect(nextWorkingDay('2025-04-30')).toEqual({ date: '2025-05-06', calendarCovered: true });
    expect(nextWorkingDay('2025-09-26')).toEqual({ date: '2025-09-28', calendarCovered: true });
    expect(nextWorkingDay('2026-12-31').calendarCovered).toBe(false);
  });

  it('rejects malformed dates', () => {
    expect(() => isRestDay('2025-02-30')).toThrow(TypeError);
  });
});
