/** What POST /api/inspection-packages takes: a site or a unit, and a month or a span of legal dates. */
import { z } from 'zod';
import { id, legalDate } from '../registry/model.ts';
import { addDays, startOfLegalDay } from '../shared/legal-time.ts';
import { InvalidError } from '../shared/errors.ts';

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const packageRequest = z
  .strictObject({
    siteId: id.optional(),
    unitId: id.optional(),
    period: z.union([z.string().regex(MONTH, 'YYYY-MM'), z.strictObject({ from: legalDate, to: legalDate })]),
  })
  .refine((r) => (r.siteId === undefined) !== (r.unitId === undefined), { message: 'give either siteId or unitId', path: ['siteId'] });
export type PackageRequest = z.infer<typeof packageRequest>;

export interface Period {
  /** Legal dates, both included. */
  from: string;
  to: string;
  /** The instants the register is read between (from included, to excluded). */
  fromInstant: string;
  toInstant: string;
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

export function periodOf(period: PackageRequest['period']): Period {
  const { from, to } = typeof period === 'string' ? { from: `${period}-01`, to: lastDayOfMonth(period) } : period;
  if (from > to) {
    throw new InvalidError('E_PERIOD_REVERSED', {
      message: { zh: '检查期间的起始日期晚于结束日期', en: 'The period starts after it ends' },
      details: { field: 'period' },
    });
  }
  return { from, to, fromInstant: startOfLegalDay(from).toISOString(), toInstant: startOfLegalDay(addDays(to, 1)).toISOString() };
}
