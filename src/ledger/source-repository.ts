/**
 * Reads of the rows the ledger follows: segments (per camera, in chain order), deletions, access
 * register entries and administration history entries, each after a cursor.
 */
import type { Db } from '../db/connect.ts';
import type { SegmentDeletionsTable } from '../db/ledger-tables.ts';
import type { SegmentsTable } from '../db/recording-tables.ts';

export type DeletionRow = Omit<SegmentDeletionsTable, 'seq'> & { seq: number };

export const sourceRepository = {
  /** Camera ids that have segments, one index seek each (no scan of the whole table). */
  async segmentCameras(db: Db): Promise<string[]> {
    const out: string[] = [];
    let after = '';
    for (;;) {
      const row = await db
        .selectFrom('segments')
        .select((eb) => eb.fn.min('cameraId').as('c'))
        .where('cameraId', '>', after)
        .executeTakeFirst();
      if (!row?.c) return out;
      out.push(row.c);
      after = row.c;
    }
  },

  async segmentsAfter(db: Db, cameraId: string, afterSeq: number, limit: number): Promise<SegmentsTable[]> {
    return db.selectFrom('segments').selectAll().where('cameraId', '=', cameraId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  },

  async segmentsByIds(db: Db, ids: readonly string[]): Promise<Map<string, SegmentsTable>> {
    const out = new Map<string, SegmentsTable>();
    for (let i = 0; i < ids.length; i += 400) {
      for (const r of await db.selectFrom('segments').selectAll().where('id', 'in', ids.slice(i, i + 400)).execute()) out.set(r.id, r);
    }
    return out;
  },

  async deletionsAfter(db: Db, afterSeq: number, limit: number): Promise<DeletionRow[]> {
    const rows = await db.selectFrom('segmentDeletions').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq), segmentSeq: Number(r.segmentSeq), bytes: Number(r.bytes) }));
  },

  async deletionsOfSegments(db: Db, segmentIds: readonly string[]): Promise<Map<string, DeletionRow>> {
    const out = new Map<string, DeletionRow>();
    for (let i = 0; i < segmentIds.length; i += 400) {
      const rows = await db.selectFrom('segmentDeletions').selectAll().where('segmentId', 'in', segmentIds.slice(i, i + 400)).execute();
      for (const r of rows) out.set(r.segmentId, { ...r, seq: Number(r.seq), segmentSeq: Number(r.segmentSeq), bytes: Number(r.bytes) });
    }
    return out;
  },

  async deletionsByIds(db: Db, ids: readonly string[]): Promise<Map<string, DeletionRow>> {
    const out = new Map<string, DeletionRow>();
    for (let i = 0; i < ids.length; i += 400) {
      const rows = await db.selectFrom('segmentDeletions').selectAll().where('id', 'in', ids.slice(i, i + 400)).execute();
      for (const r of rows) out.set(r.id, { ...r, seq: Number(r.seq), segmentSeq: Number(r.segmentSeq), bytes: Number(r.bytes) });
    }
    return out;
  },

  async deletionsOfCamera(db: Db, cameraId: string): Promise<DeletionRow[]> {
    const rows = await db.selectFrom('segmentDeletions').selectAll().where('cameraId', '=', cameraId).orderBy('segmentSeq').execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq), segmentSeq: Number(r.segmentSeq), bytes: Number(r.bytes) }));
  },

  async deletionCameras(db: Db): Promise<string[]> {
    return (await db.selectFrom('segmentDeletions').select('cameraId').distinct().execute()).map((r) => r.cameraId);
  },

  async registerAfter(db: Db, afterSeq: number, limit: number): Promise<{ seq: number; id: string; entryHash: string }[]> {
    const rows = await db.selectFrom('accessRegister').select(['seq', 'id', 'entryHash']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  },

  async historyAfter(db: Db, afterSeq: number, limit: number): Promise<{ seq: number; entryHash: string | null }[]> {
    const rows = await db.selectFrom('history').select(['seq', 'entryHash']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  },
};
