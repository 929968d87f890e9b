/** MANSCDP times (GB/T 28181-2022 A.2.1): local time without a zone, `2025-05-01T11:00:00`; devices in China keep UTC+8. */
const OFFSET_MS = 8 * 3600_000;

export function gbTime(instant: Date | number): string {
  return new Date((typeof instant === 'number' ? instant : instant.getTime()) + OFFSET_MS).toISOString().slice(0, 19);
}

/** Milliseconds since the epoch, or undefined when the text is not such a time. */
export function parseGbTime(text: string | undefined): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) - OFFSET_MS;
  return Number.isFinite(ms) ? ms : undefined;
}
