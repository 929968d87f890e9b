/**
 * Each recorder writes the recording status of the cameras it holds to PostgreSQL every tick, and takes
 * back the rows of cameras it no longer holds; the API processes read them there (no recorder in their
 * process). The row's time is PostgreSQL's, so a reader can tell a stale row from a fresh one.
 */
import type { Db } from '../db/connect.ts';
import { clusterDb } from '../db/cluster-tables.ts';
import type { CameraRecordingStatus } from '../recorder/camera-status.ts';
import { dbNow } from './db-clock.ts';

export async function reportStatus(db: Db, nodeId: string, held: ReadonlySet<string>, statuses: readonly CameraRecordingStatus[]): Promise<void> {
  const d = clusterDb(db);
  const rows = statuses.filter((s) => held.has(s.cameraId)).map((s) => ({ cameraId: s.cameraId, nodeId, status: JSON.stringify(s), updatedAt: dbNow() }));
  if (rows.length > 0) {
    await d
      .insertInto('recorderCameraStatus')
      .values(rows)
      .onConflict((oc) =>
        oc.column('cameraId').doUpdateSet((eb) => ({ nodeId: eb.ref('excluded.nodeId'), status: eb.ref('excluded.status'), updatedAt: eb.ref('excluded.updatedAt') })),
      )
      .execute();
  }
  let stale = d.deleteFrom('recorderCameraStatus').where('nodeId', '=', nodeId);
  if (held.size > 0) stale = stale.where('cameraId', 'not in', [...held]);
  await stale.execute();
}
