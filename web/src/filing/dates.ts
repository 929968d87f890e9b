/** Legal dates (Asia/Shanghai) and whole days between them. */
const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date in Asia/Shanghai of an instant, YYYY-MM-DD. */
export function legalDate(at: string | Date): string {
  return SHANGHAI.format(new Date(at));
}

/** Days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A legal instant shown in Asia/Shanghai, e.g. 2026-12-03 10:15. */
export function legalDateTime(at: string): string {
  const d = new Date(at);
  const time = d.toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
  return `${legalDate(d)} ${time}`;
}
