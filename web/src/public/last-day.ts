import { legalDate } from '../lib/legal-time.ts';

/** The last legal day (Asia/Shanghai) before a deadline instant: a deadline at the start of 12-22 reads "by 12-21". */
export function lastDay(deadline: string): string {
  return legalDate(new Date(Date.parse(deadline) - 1));
}
