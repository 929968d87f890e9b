/** Legal dates and times: shown in Asia/Shanghai whatever the browser's zone (instants are stored UTC). */
const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date in Asia/Shanghai of an instant, YYYY-MM-DD. */
export function legalDate(at: string | Date): string {
  return SHANGHAI_DATE.format(new Date(at));
}

/** Today's date in Asia/Shanghai (YYYY-MM-DD). */
export function legalToday(now = new Date()): string {
  return legalDate(now);
}

/** Days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A legal instant shown in Asia/Shanghai, e.g. 2026-12-03 10:15 ('' for none). */
export function legalDateTime(at: string | null | undefined): string {
  if (!at) return '';
  const d = new Date(at);
  const time = d.toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
  return `${legalDate(d)} ${time}`;
}

/** A legal instant in the reader's language (medium date, short time), in Asia/Shanghai. */
export function legalDateTimeIn(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
}
