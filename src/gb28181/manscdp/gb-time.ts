/**
 * Times in MANSCDP bodies and the REGISTER 200's Date (GB/T 28181-2022 §9.10, Annex A): local time
 * without a zone, `YYYY-MM-DDTHH:mm:ss[.SSS]`. Custos reads and writes them as Beijing time (UTC+8, no
 * daylight saving) and stores UTC.
 */
const OFFSET_MS = 8 * 3_600_000;

/** UTC milliseconds → `2026-12-04T06:40:00` (Beijing). */
export function gbTime(utcMs: number, withMillis = false): string {
  return new Date(utcMs + OFFSET_MS).toISOString().slice(0, withMillis ? 23 : 19);
}

/** A device's local time → UTC ISO, or null when it is not one. */
export function parseGbTime(text: string | undefined): string | null {
  if (!text) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?$/.exec(text.trim());
  if (!match) return null;
  const ms = Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!, match[7] ? Math.round(Number(match[7]) * 1000) : 0) - OFFSET_MS;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
