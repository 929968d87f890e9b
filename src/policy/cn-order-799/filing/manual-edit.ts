/**
 * REG-14-1 / REG-14-5: a manual edit of a filed field. Allowed only with a reason; the field's
 * provenance becomes MANUAL(reason), which the export flags, and the hash is recomputed.
 */
import { InvalidError } from '../../../shared/errors.ts';
import type { FilingDataset } from './dataset-schema.ts';
import { withHash } from './dataset.ts';

/** Fields that are derived or bookkeeping, never edited by hand. */
const NOT_EDITABLE = new Set(['sha256', 'provenance', 'generatedAt', 'schemaVersion', 'siteId', 'deadline', 'extras.putIntoUseDateSource']);

export function applyManualEdit(dataset: FilingDataset, path: string, value: unknown, reason: string): FilingDataset {
  if (!reason.trim()) {
    throw new InvalidError('E_MANUAL_EDIT_REASON_REQUIRED', {
      article: '14',
      message: { zh: '手工修改备案信息须说明理由。', en: 'A manual edit of filing data needs a reason.' },
      details: { path },
    });
  }
  const parts = path.split('.');
  const top = parts[0] ?? '';
  if (NOT_EDITABLE.has(path) || NOT_EDITABLE.has(top) || parts.length > 2 || !(top in dataset)) {
    throw new InvalidError('E_FIELD_NOT_EDITABLE', {
      message: { zh: `字段“${path}”不能手工修改。`, en: `Field "${path}" cannot be edited by hand.` },
      details: { path },
    });
  }
  const copy = structuredClone(dataset) as unknown as Record<string, unknown>;
  if (parts.length === 2) {
    const group = copy[top];
    if (typeof group !== 'object' || group === null || Array.isArray(group)) {
      throw new InvalidError('E_FIELD_NOT_EDITABLE', { details: { path } });
    }
    (group as Record<string, unknown>)[parts[1] ?? ''] = value;
  } else {
    copy[top] = value;
  }
  const edited = copy as unknown as FilingDataset;
  edited.provenance = { ...dataset.provenance, [path]: { source: 'MANUAL', reason: reason.trim() } };
  return withHash(edited);
}

/** Paths whose provenance is MANUAL, with their reasons. */
export function manualEdits(dataset: Pick<FilingDataset, 'provenance'>): Array<{ path: string; reason: string }> {
  return Object.entries(dataset.provenance).flatMap(([path, p]) => (typeof p === 'object' ? [{ path, reason: p.reason }] : []));
}
