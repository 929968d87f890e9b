/**
 * Fencing (issue 16): a recorder indexes a camera's segment only while it still holds the camera's lease,
 * checked in the transaction that inserts the row. The row is read FOR SHARE, so a successor's claim (an
 * UPDATE) waits for that transaction or, with SKIP LOCKED, passes the camera over until the next tick.
 */
import type { Db } from '../db/connect.ts';
import { ConflictError } from '../shared/errors.ts';
import { clusterDb } from '../db/cluster-tables.ts';

export async function assertLeaseHeld(trx: Db, cameraId: string, nodeId: string): Promise<void> {
  const lease = await clusterDb(trx).selectFrom('cameraLeases').select('holder').where('cameraId', '=', cameraId).forShare().executeTakeFirst();
  if (lease?.holder === nodeId) return;
  throw new ConflictError('E_LEASE_LOST', {
    message: {
      zh: `录像节点 ${nodeId} 已不再持有摄像机 ${cameraId} 的租约,录像段未入索引`,
      en: `Recorder ${nodeId} no longer holds the lease of camera ${cameraId}; the segment was not indexed`,
    },
    details: { cameraId, nodeId, holder: lease?.holder ?? null },
  });
}
