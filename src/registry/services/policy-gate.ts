import { evaluateCameraAction } from '../../policy/index.ts';
import type { Gate } from '../../policy/types.ts';
import type { Db } from '../../db/connect.ts';
import type { CameraRecord } from '../model.ts';
import { loadSnapshot, withRecord } from '../snapshot-loader.ts';
import { refusalFor } from './policy-refusal.ts';

/** Refuses a camera write when the policy pack has a BLOCK finding for the gate. */
export async function enforceCameraGate(tx: Db, camera: CameraRecord, gate: Gate, at: Date): Promise<void> {
  const snapshot = withRecord(await loadSnapshot(tx, { siteId: camera.siteId, cameraId: camera.id }), 'cameras', camera);
  const refusal = refusalFor(evaluateCameraAction(snapshot, camera.id, gate, at));
  if (refusal) throw refusal;
}
