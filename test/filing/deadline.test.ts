import { describe, expect, it } from 'vitest';
import {
  categoryChangeFilingDeadline,
  changeFilingDeadline,
  daysUntilDue,
  filingDeadline,
  isOverdue,
} from '../../src/policy/cn-order-799/filing/deadline.ts';
import { at } from './fixtures.ts';

describe('REG-14-2 filing deadline', () => {
  it('REG-14-2: put into use 2025-05-10 is due 2025-06-09 (Monday)', () => {
    expect(filingDeadline('2025-05-10')).toEqual({
      kind: 'INITIAL',
      startDate: '2025-05-10',
      periodDays: 30,
      dueDate: '2025-06-09',
      overdueFrom: '2025-06-10T00:00:00+08:00',
      preExisting: false,
      calendarCovered: true,
    });
  });

  it('REG-14-2: put into use 2025-04-03 is due 2025-05-06 (day 30 Saturday 05-03 in the Labour Day holiday)', () => {
    expect(filingDeadline('2025-04-03')).toMatchObject({ dueDate: '2025-05-06', rolledFrom: '2025-05-03', preExisting: false });
  });

  it('REG-14-2: put into use on 2025-04-01 is a new system, due 2025-05-06 (day 30 is 05-01)', () => {
    expect(filingDeadline('2025-04-01')).toMatchObject({ kind: 'INITIAL', dueDate: '2025-05-06', rolledFrom: '2025-05-01', preExisting: false });
  });

  it('REG-14-2: pre-existing system (2024-11-11) is due 2025-06-30, overdue from 2025-07-01 00:00 +08', () => {
    const d = filingDeadline('2024-11-11');
    expect(d).toMatchObject({ kind: 'PRE_EXISTING', startDate: '2025-04-01', periodDays: 90, dueDate: '2025-06-30', preExisting: true });
    expect(d.rolledFrom).toBeUndefined();
    expect(isOverdue(d, at('2025-06-30T23:59:59'))).toBe(false);
    expect(isOverdue(d, at('2025-07-01T00:00:00'))).toBe(true);
    expect(isOverdue(d, '2025-06-30T15:59:59.999Z')).toBe(false);
    expect(isOverdue(d, '2025-06-30T16:00:00.000Z')).toBe(true);
    expect(filingDeadline('2025-03-31').dueDate).toBe('2025-06-30');
  });

  it('REG-14-2: put into use 2025-09-08 is due 2025-10-09 (day 30 is 10-08, National Day holiday)', () => {
    expect(filingDeadline('2025-09-08')).toMatchObject({ dueDate: '2025-10-09', rolledFrom: '2025-10-08' });
  });

  it('REG-09-2: put into use 2025-04-10 is due 2025-05-12 (day 30 is Saturday 2025-05-10)', () => {
    expect(filingDeadline('2025-04-10')).toMatchObject({ dueDate: '2025-05-12', rolledFrom: '2025-05-10' });
  });

  it('REG-14-2: a make-up working day is not rolled (day 30 = Sunday 2025-09-28)', () => {
    expect(filingDeadline('2025-08-29')).toMatchObject({ dueDate: '2025-09-28' });
    expect(filingDeadline('2025-08-29').rolledFrom).toBeUndefined();
  });

  it('REG-14-2: with `at` the result says whether it is overdue', () => {
    expect(filingDeadline('2025-05-10', at('2025-06-09T23:59:59')).overdue).toBe(false);
    expect(filingDeadline('2025-05-10', at('2025-06-10T00:00:00')).overdue).toBe(true);
    expect(daysUntilDue(filingDeadline('2025-05-10'), at('2025-06-01T08:00:00'))).toBe(8);
  });

  it('REG-14-2: a deadline in a year without a loaded calendar says calendarCovered: false', () => {
    const d = filingDeadline('2026-12-10'); // day 30 = 2027-01-09, a Saturday
    expect(d).toMatchObject({ dueDate: '2027-01-11', calendarCovered: false });
    expect(filingDeadline('2026-04-02')).toMatchObject({ dueDate: '2026-05-06', rolledFrom: '2026-05-02', calendarCovered: true });
    expect(filingDeadline('2026-04-09')).toMatchObject({ dueDate: '2026-05-09', calendarCovered: true }); // Saturday make-up working day
  });

  it('REG-14-2: rejects a malformed date', () => {
    expect(() => filingDeadline('2025-13-01')).toThrow(TypeError);
  });
});

describe('REG-14-4 / REG-09-4 change deadlines', () => {
  it('REG-14-4: a change on 2025-08-04 is due 2025-09-03', () => {
    expect(changeFilingDeadline('2025-08-04')).toMatchObject({ kind: 'CHANGE', dueDate: '2025-09-03', overdueFrom: '2025-09-04T00:00:00+08:00' });
  });

  it('REG-09-4: reclassified to A7 on 2025-08-01, due 2025-09-01 (day 30 Sunday 08-31 rolls to Monday)', () => {
    expect(categoryChangeFilingDeadline('2025-08-01')).toMatchObject({ kind: 'CATEGORY_CHANGE', dueDate: '2025-09-01', rolledFrom: '2025-08-31' });
  });

  it('REG-14-4: the change period is a pack parameter', () => {
    expect(changeFilingDeadline('2025-08-04', undefined, 15).dueDate).toBe('2025-08-19');
  });
});
