/** Readable labels and values of the filing's fields, for the draft and the change diff. */
import type { TFunction } from 'i18next';
import { enumLabel } from '../i18n/enum-label.ts';

/** The label of a dataset path such as `unit.name` or `cameraByType.FIXED`. */
export function fieldLabel(t: TFunction, path: string): string {
  if (path.startsWith('cameraByType.')) return t('field.cameraOfType', { type: enumLabel(t, 'deviceType', path.slice('cameraByType.'.length)) });
  return t(`field.${path}`, { defaultValue: path });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A primitive as text; anything else as JSON. */
function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A field's value as text: enum labels, yes/no, lists joined. */
export function fieldValue(t: TFunction, path: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('filing.yes') : t('filing.no');
  if (path === 'unit.unitType') return enumLabel(t, 'unitType', text(value));
  if (path === 'location.placeCategory') return enumLabel(t, 'placeCategory', text(value));
  if (path === 'cameraByType' && isRecord(value)) {
    return Object.entries(value)
      .map(([type, n]) => `${enumLabel(t, 'deviceType', type)} ${text(n)}`)
      .join(', ');
  }
  if (Array.isArray(value)) {
    return value.map((v) => (isRecord(v) ? `${text(v.cameraName ?? v.cameraId)} ${text(v.retentionDays)}` : text(v))).join('; ');
  }
  if (isRecord(value)) return typeof value.name === 'string' ? value.name : text(value);
  return text(value);
}

/** The dataset's filed fields in display order, flattened one level like the server's diff. */
export function datasetRows(dataset: Record<string, unknown>): { path: string; value: unknown }[] {
  const rows: { path: string; value: unknown }[] = [];
  for (const group of ['unit', 'location'] as const) {
    const g = dataset[group];
    if (isRecord(g)) for (const [k, v] of Object.entries(g)) rows.push({ path: `${group}.${k}`, value: v });
  }
  for (const key of ['cameraTotal', 'cameraByType', 'storagePeriodDays', 'configuredStoragePeriodDays', 'storagePeriodByCamera']) {
    if (key in dataset) rows.push({ path: key, value: dataset[key] });
  }
  const extras = dataset.extras;
  if (isRecord(extras)) for (const [k, v] of Object.entries(extras)) if (k !== 'putIntoUseDateSource') rows.push({ path: `extras.${k}`, value: v });
  rows.push({ path: 'filingAuthority', value: dataset.filingAuthority });
  return rows;
}
