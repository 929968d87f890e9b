/** An instant (stored UTC) as the legal time in Asia/Shanghai, e.g. 2026-12-03 22:15. */
export function legalTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Today's date in Asia/Shanghai (YYYY-MM-DD). */
export function legalToday(now = new Date()): string {
  return legalTime(now.toISOString()).slice(0, 10);
}
