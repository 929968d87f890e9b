/**
 * When the facts a filing contains changed (REG-14-4, REG-14-5, REG-17-6, REG-09-4): each change of a
 * filed field of a unit, site or camera, with its instant and its old and new value, read from the
 * administration history (written in the same transaction as the change). The filing engine dates a
 * change filing by the change itself and tells an untrue filed figure from one that became outdated.
 */
import { z } from 'zod';
import { id, instant } from './model.ts';
import type { HistoryEntry } from './repositories/history-repository.ts';

export const FACT_ENTITY_TYPES = ['unit', 'site', 'camera'] as const;

/** The fields whose changes the filing engine reads, per entity. `$created` marks a camera's registration. */
export const FACT_FIELDS: Record<(typeof FACT_ENTITY_TYPES)[number], readonly string[]> = {
  unit: ['name', 'uscc', 'unitType', 'address', 'legalRepresentative', 'contactName', 'contactPhone'],
  site: [
    'name',
    'address',
    'adminDivisionCode',
    'latitude',
    'longitude',
    'placeCategory',
    'placeSubtype',
    'putIntoUseDate',
    'storagePeriodDays',
    'recorderCount',
    'networkedToPsb',
    'entrustedOperator',
    'unitId',
  ],
  camera: ['retentionDays', 'status', 'deviceType', 'siteId'],
};

export const factChangeRecord = z.strictObject({
  entityType: z.enum(FACT_ENTITY_TYPES),
  entityId: id,
  /** The camera's or the site's system; null for a unit. */
  siteId: id.nullable(),
  field: z.string().min(1).max(64),
  at: instant,
  from: z.unknown(),
  to: z.unknown(),
});
export type FactChange = z.infer<typeof factChangeRecord>;

type Snapshot = Record<string, unknown> | null;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fact changes one history entry records (none for entities or fields the filing does not contain). */
export function factChangesOf(entry: HistoryEntry): FactChange[] {
  const type = entry.entityType as (typeof FACT_ENTITY_TYPES)[number];
  const fields = FACT_FIELDS[type];
  if (!fields) return [];
  const before = entry.before as Snapshot;
  const after = entry.after as Snapshot;
  if (!after) return [];
  const siteId = type === 'unit' ? null : type === 'site' ? entry.entityId : typeof after.siteId === 'string' ? after.siteId : null;
  const base = { entityType: type, entityId: entry.entityId, siteId, at: entry.at };
  if (!before) return type === 'camera' ? [{ ...base, field: '$created', from: null, to: after.retentionDays ?? null }] : [];
  return fields.filter((f) => !same(before[f], after[f])).map((field) => ({ ...base, field, from: before[field] ?? null, to: after[field] ?? null }));
}
