/** A tamper onset raises the kind's alarm for the camera, with its figures and pictures; an end resolves it. */
import type { AlarmSink } from '../../events/alarm-sink.ts';
import type { TamperChange } from './tamper-model.ts';

export async function reportTamper(sink: AlarmSink, change: TamperChange): Promise<void> {
  if (change.state === 'cleared') {
    await sink.resolve(change.kind, change.cameraId, change.at);
    return;
  }
  await sink.raise({ kind: change.kind, cameraId: change.cameraId, subject: change.cameraId, at: change.at, details: change.details, snapshots: change.snapshots });
}
