/**
 * The register as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read Chinese),
 * every REG-16-5 field. Cells that a spreadsheet would run as a formula are defused with a leading
 * apostrophe (CSV injection).
 */
import { fileHashLabel, type RegisterEntryView } from './model.ts';

const COLUMNS: [string, (e: RegisterEntryView) => string | number | null][] = [
  ['seq', (e) => e.seq],
  ['id', (e) => e.id],
  ['kind', (e) => e.kind],
  ['operation', (e) => e.operation],
  ['at', (e) => e.at],
  ['reasonCategory', (e) => e.reason.category],
  ['reason', (e) => e.reason.text],
  ['content', (e) => JSON.stringify(e.content)],
  ['actorUnit', (e) => e.actor.unit],
  ['actorName', (e) => e.actor.name],
  ['approver', (e) => e.approver?.name ?? null],
  ['basisRef', (e) => e.basis?.ref ?? null],
  ['start', (e) => e.startedAt],
  ['end', (e) => e.endedAt ?? e.closedAt],
  ['cameraIds', (e) => e.cameraIds.join(' ')],
  ['timeRanges', (e) => e.content.ranges.map((r) => `${r.cameraId} ${r.from}/${r.to ?? ''}`).join('; ')],
  ['fileHashes', (e) => (e.content.fileHashes ?? []).map((h) => `${fileHashLabel(h)}:${h.sha256}`).join(' ')],
  ['actorUserId', (e) => e.actor.userId],
  ['actorUnitId', (e) => e.actor.unitId],
  ['actorIdDocument', (e) => e.actor.idDocument],
  ['approverUserId', (e) => e.approver?.userId ?? null],
  ['basisType', (e) => e.basis?.type ?? null],
  ['shiftId', (e) => e.shiftId],
  ['clientAddress', (e) => e.clientAddress],
  ['refersTo', (e) => e.refersTo],
  ['denied', (e) => e.content.denied?.code ?? null],
  ['prevHash', (e) => e.prevHash],
  ['entryHash', (e) => e.entryHash],
];

export const REGISTER_CSV_HEADER = COLUMNS.map(([name]) => name);

/** A cell, quoted when needed; a leading =, +, -, @, tab or carriage return is prefixed with '. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function registerCsv(entries: readonly RegisterEntryView[]): string {
  const lines = [REGISTER_CSV_HEADER.join(',')];
  for (const entry of entries) lines.push(COLUMNS.map(([, get]) => csvCell(get(entry))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
