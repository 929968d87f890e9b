/**
 * The recorders' rows and the camera leases (migration 0031), PostgreSQL only. Every time is PostgreSQL's
 * (db-clock.ts). A lease released cleanly has expires_at = renewed_at; one that lapsed has expires_at after
 * its last renewal: the next claimer tells a dead recorder from a clean hand-over by that alone.
 */
import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { ClusterTables } from '../db/cluster-tables.ts';
import type { Database } from '../db/tables.ts';
import type { RetentionTables } from '../retention/tables.ts';
import { dbNow } from './db-clock.ts';
import { recordTakeoverGap } from './takeover-gap.ts';

type LeaseDb = Kysely<Database & ClusterTables & Pick<RetentionTables, 'recordingSuspensions'>>;
const leaseDb = (db: Db | LeaseDb): LeaseDb => db as unknown as LeaseDb;

export interface RecorderNode {
  id: string;
  host: string;
  pid: number;
  version: string;
}

/** A lease this node just took, and whose it was before. */
export interface Claimed {
  cameraId: string;
  epoch: number;
  claimedAt: string;
  /** The holder before, when it let the lease lapse (died) rather than released it. */
  lostBy: string | null;
}

/** Active cameras with a source whose recording is not suspended: what the recorders share. */
function recordableIds(db: LeaseDb) {
  return db
    .selectFrom('cameras as c')
    .select('c.id')
    .where('c.status', '=', 'ACTIVE')
    .where('c.sourceUrl', 'is not', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('recordingSuspensions as s').select('s.cameraId').whereRef('s.cameraId', '=', 'c.id'))));
}

/**
 * Registers the node (again, after a restart under the same id). Leases its former run still holds end
 * now as lapsed, not released: that run died, so whoever claims them records the gap it left.
 */
export async function registerNode(db: Db, node: RecorderNode): Promise<void> {
  const d = leaseDb(db);
  const now = dbNow();
  await d
    .insertInto('recorderNodes')
    .values({ ...node, liveUrl: null, startedAt: now, heartbeatAt: now, stoppedAt: null })
    .onConflict((oc) => oc.column('id').doUpdateSet({ host: node.host, pid: node.pid, version: node.version, liveUrl: null, startedAt: now, heartbeatAt: now, stoppedAt: null }))
    .execute();
  await d.updateTable('cameraLeases').set({ expiresAt: now }).where('holder', '=', node.id).where('expiresAt', '>', now).execute();
}

/** False when the node's row is gone (deleted by hand): the caller registers again. */
export async function heartbeat(db: Db, nodeId: string): Promise<boolean> {
  const result = await leaseDb(db).updateTable('recorderNodes').set({ heartbeatAt: dbNow() }).where('id', '=', nodeId).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setLiveUrl(db: Db, nodeId: string, liveUrl: string): Promise<void> {
  await leaseDb(db).updateTable('recorderNodes').set({ liveUrl }).where('id', '=', nodeId).execute();
}

export async function markStopped(db: Db, nodeId: string): Promise<void> {
  await leaseDb(db).updateTable('recorderNodes').set({ stoppedAt: dbNow(), heartbeatAt: dbNow() }).where('id', '=', nodeId).execute();
}

/** The cameras to share and the recorders alive to share them: heartbeat within the lease time, not stopped. */
export async function clusterShape(db: Db, leaseSeconds: number): Promise<{ cameraIds: string[]; recorders: number }> {
  const d = leaseDb(db);
  const cameras = await recordableIds(d).orderBy('c.id').execute();
  const live = await d
    .selectFrom('recorderNodes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('heartbeatAt', '>', dbNow(-leaseSeconds))
    .where('stoppedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return { cameraIds: cameras.map((c) => c.id), recorders: Number(live.n) };
}

/** Extends the node's leases on these cameras; returns those it still holds (the others were taken over). */
export async function renewLeases(db: Db, nodeId: string, cameraIds: readonly string[], leaseSeconds: number): Promise<Set<string>> {
  if (cameraIds.length === 0) return new Set();
  const rows = await leaseDb(db)
    .updateTable('cameraLeases')
    .set({ renewedAt: dbNow(), expiresAt: dbNow(leaseSeconds) })
    .where('holder', '=', nodeId)
    .where('cameraId', 'in', cameraIds)
    .returning('cameraId')
    .execute();
  return new Set(rows.map((r) => r.cameraId));
}

/**
 * Takes up to `count` free leases (released, lapsed, or never held) of recordable cameras in one transaction.
 * Rows another recorder is claiming right now are skipped (FOR UPDATE SKIP LOCKED), so no camera is given
 * to two holders and no recorder waits for another. A lease taken from a dead holder opens a RECORDER_LOST gap.
 */
export async function claimLeases(db: Db, nodeId: string, count: number, leaseSeconds: number): Promise<Claimed[]> {
  if (count <= 0) return [];
  return leaseDb(db)
    .transaction()
    .execute(async (trx) => {
      const now = dbNow();
      await trx
        .insertInto('cameraLeases')
        .columns(['cameraId', 'holder', 'epoch', 'claimedAt', 'renewedAt', 'expiresAt'])
        .expression(recordableIds(trx).select([sql<string>`''`.as('holder'), sql<number>`0`.as('epoch'), now.as('claimedAt'), now.as('renewedAt'), now.as('expiresAt')]).orderBy('c.id'))
        .onConflict((oc) => oc.column('cameraId').doNothing())
        .execute();
      const free = await trx
        .selectFrom('cameraLeases')
        .select(['cameraId', 'holder', 'renewedAt', 'expiresAt'])
        .where('expiresAt', '<=', now)
        .where('cameraId', 'in', recordableIds(trx))
        .orderBy('expiresAt')
        .orderBy('cameraId')
        .limit(count)
        .forUpdate()
        .skipLocked()
        .execute();
      if (free.length === 0) return [];
      const taken = await trx
        .updateTable('cameraLeases')
        .set((eb) => ({ holder: nodeId, epoch: eb('epoch', '+', 1), claimedAt: now, renewedAt: now, expiresAt: dbNow(leaseSeconds) }))
        .where('cameraId', 'in', free.map((f) => f.cameraId))
        .returning(['cameraId', 'epoch', 'claimedAt'])
        .execute();
      const before = new Map(free.map((f) => [f.cameraId, f]));
      const claimed: Claimed[] = [];
      for (const row of taken) {
        const prev = before.get(row.cameraId);
        const lapsed = prev !== undefined && prev.holder !== '' && prev.expiresAt > prev.renewedAt;
        const lostBy = lapsed ? prev.holder : null;
        if (lostBy !== null) await recordTakeoverGap(trx as unknown as Db, { cameraId: row.cameraId, lostBy, lastRenewedAt: prev?.renewedAt ?? row.claimedAt, claimedAt: row.claimedAt });
        claimed.push({ cameraId: row.cameraId, epoch: Number(row.epoch), claimedAt: row.claimedAt, lostBy });
      }
      return claimed.sort((a, b) => a.cameraId.localeCompare(b.cameraId));
    });
}

/** Hands leases back cleanly (expires_at = renewed_at = now, holder kept): the next claimer records no gap. */
export async function releaseLeases(db: Db, nodeId: string, cameraIds: readonly string[]): Promise<string[]> {
  if (cameraIds.length === 0) return [];
  const rows = await leaseDb(db)
    .updateTable('cameraLeases')
    .set({ renewedAt: dbNow(), expiresAt: dbNow() })
    .where('holder', '=', nodeId)
    .where('cameraId', 'in', cameraIds)
    .returning('cameraId')
    .execute();
  return rows.map((r) => r.cameraId);
}
