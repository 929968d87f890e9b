/** Alarm rows in and out (migration 0019). */
import type { Db } from '../db/connect.ts';
import { alarmDb, type AlarmsTable } from '../db/alarm-tables.ts';
import { factsOf, type AlarmCategory, type AlarmKind, type AlarmSeverity } from './alarm-kinds.ts';
import type { AlarmRecord, AlarmSnapshotRef } from './alarm-model.ts';

export const openKeyOf = (kind: AlarmKind, subject: string): string => `${kind}:${subject}`;

function toRecord(row: AlarmsTable): AlarmRecord {
  const kind = row.kind as AlarmKind;
  return {
    id: row.id,
    kind,
    category: row.category as AlarmCategory,
    severity: row.severity as AlarmSeverity,
    article: row.article || factsOf(kind).article,
    cameraId: row.cameraId,
    subject: row.subject,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    details: JSON.parse(row.details) as Record<string, unknown>,
    snapshots: JSON.parse(row.snapshots) as AlarmSnapshotRef[],
    acknowledgement:
      row.acknowledgedBy && row.acknowledgedAt
        ? { userId: row.acknowledgedBy, name: row.acknowledgedByName ?? '', unitName: row.acknowledgedByUnitName ?? '', at: row.acknowledgedAt, comment: row.acknowledgementComment ?? '' }
        : null,
  };
}

export interface AlarmFilter {
  cameraIds?: readonly string[] | undefined;
  /** Include alarms that belong to no camera (system and security). */
  withoutCamera?: boolean;
  kinds?: readonly AlarmKind[] | undefined;
  categories?: readonly AlarmCategory[] | undefined;
  /** Only alarms still open. */
  open?: boolean | undefined;
  /** Only alarms no one acknowledged. */
  unacknowledged?: boolean | undefined;
  /** Alarms whose span [startedAt, endedAt or now] meets [from, to]. */
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
}

export const alarmRepository = {
  async insert(db: Db, row: AlarmsTable): Promise<AlarmRecord> {
    await alarmDb(db).insertInto('alarms').values(row).execute();
    return toRecord(row);
  },

  async get(db: Db, id: string): Promise<AlarmRecord | undefined> {
    const row = await alarmDb(db).selectFrom('alarms').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  },

  async openByKey(db: Db, openKey: string): Promise<AlarmRecord | undefined> {
    const row = await alarmDb(db).selectFrom('alarms').selectAll().where('openKey', '=', openKey).executeTakeFirst();
    return row && toRecord(row);
  },

  async update(db: Db, id: string, patch: Partial<AlarmsTable>): Promise<void> {
    await alarmDb(db).updateTable('alarms').set(patch).where('id', '=', id).execute();
  },

  async list(db: Db, filter: AlarmFilter): Promise<AlarmRecord[]> {
    let query = alarmDb(db).selectFrom('alarms').selectAll();
    const { cameraIds, withoutCamera } = filter;
    if (cameraIds !== undefined) {
      query = query.where((eb) => {
        const ors = [];
        if (cameraIds.length > 0) ors.push(eb('cameraId', 'in', [...cameraIds]));
        if (withoutCamera) ors.push(eb('cameraId', 'is', null));
        return ors.length > 0 ? eb.or(ors) : eb.val(false);
      });
    } else if (withoutCamera === false) {
      query = query.where('cameraId', 'is not', null);
    }
    if (filter.kinds?.length) query = query.where('kind', 'in', [...filter.kinds]);
    if (filter.categories?.length) query = query.where('category', 'in', [...filter.categories]);
    if (filter.open) query = query.where('endedAt', 'is', null);
    if (filter.unacknowledged) query = query.where('acknowledgedAt', 'is', null);
    if (filter.to) query = query.where('startedAt', '<=', filter.to);
    if (filter.from) {
      const from = filter.from;
      query = query.where((eb) => eb.or([eb('endedAt', 'is', null), eb('endedAt', '>=', from)]));
    }
    const rows = await query.orderBy('startedAt', 'desc').orderBy('id').limit(filter.limit ?? 500).execute();
    return rows.map(toRecord);
  },
};
