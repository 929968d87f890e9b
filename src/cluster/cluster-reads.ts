/**
 * What API processes read of the cluster's tables (written by the recorder processes): nodes, leases,
 * reported status, and the database's clock, against which every expiry and heartbeat is judged (the
 * machines' clocks may differ; the recorders write PostgreSQL's time).
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { dbNow } from './db-clock.ts';
import { clusterDb, type CameraLeasesTable, type RecorderCameraStatusTable, type RecorderNodesTable } from '../db/cluster-tables.ts';

export type RecorderNodeRow = RecorderNodesTable;
export type CameraLeaseRow = CameraLeasesTable;
export type ReportedStatusRow = RecorderCameraStatusTable;

/** The database's clock, in ms. */
export async function databaseNowMs(db: Db): Promise<number> {
  const { rows } = await sql<{ nowMs: number | string }>`select (extract(epoch from now()) * 1000)::float8 as now_ms`.execute(db);
  return Number(rows[0]?.nowMs);
}

export function listRecorderNodes(db: Db): Promise<RecorderNodeRow[]> {
  return clusterDb(db).selectFrom('recorderNodes').selectAll().orderBy('id').execute();
}

export function listCameraLeases(db: Db): Promise<CameraLeaseRow[]> {
  return clusterDb(db).selectFrom('cameraLeases').selectAll().orderBy('cameraId').execute();
}

export function listReportedStatus(db: Db): Promise<ReportedStatusRow[]> {
  return clusterDb(db).selectFrom('recorderCameraStatus').selectAll().orderBy('cameraId').execute();
}

/** The camera's lease while it lasts (by the database's clock), with its holder's live address. */
export async function leaseWithHolder(db: Db, cameraId: string): Promise<{ holder: string; expiresAt: string; liveUrl: string | null } | undefined> {
  return clusterDb(db)
    .selectFrom('cameraLeases')
    .leftJoin('recorderNodes', 'recorderNodes.id', 'cameraLeases.holder')
    .select(['cameraLeases.holder', 'cameraLeases.expiresAt', 'recorderNodes.liveUrl'])
    .where('cameraLeases.cameraId', '=', cameraId)
    .where('cameraLeases.expiresAt', '>', dbNow())
    .executeTakeFirst();
}

/** An instant as the tables keep it (ISO text, written by dbNow), in ms; NaN if unreadable. */
export function instantMs(text: string | null | undefined): number {
  return text ? Date.parse(text) : Number.NaN;
}

export type RecorderNodeState = 'alive' | 'stopped' | 'lost';

/** Stopped cleanly, alive (a heartbeat within the lease time), or lost (it died without stopping). */
export function nodeState(node: Pick<RecorderNodeRow, 'heartbeatAt' | 'stoppedAt'>, nowMs: number, leaseSeconds: number): RecorderNodeState {
  if (node.stoppedAt) return 'stopped';
  const age = nowMs - instantMs(node.heartbeatAt);
  return age <= leaseSeconds * 1000 ? 'alive' : 'lost';
}
