/**
 * What an event looks like outside Custos (MQTT `custos/events`, webhook bodies): the alarm with its
 * camera's name and, for each snapshot, its hash and the API path that serves it (LIVE on the camera,
 * registered in the access register). Never the snapshot bytes, never a secret.
 */
import type { Db } from '../../db/connect.ts';
import { camerasRepository } from '../../registry/repositories/index.ts';
import type { AlarmRecord } from '../alarm-model.ts';
import type { CustosEvent } from '../event-bus.ts';

export interface AlarmPayload {
  id: string;
  kind: string;
  category: string;
  severity: string;
  article: string;
  cameraId: string | null;
  cameraName: string | null;
  subject: string;
  startedAt: string;
  endedAt: string | null;
  details: Record<string, unknown>;
  snapshots: { which: string; at: string; sha256: string; bytes: number; path: string }[];
  acknowledgement: AlarmRecord['acknowledgement'];
}

export async function alarmPayload(db: Db, alarm: AlarmRecord): Promise<AlarmPayload> {
  const camera = alarm.cameraId ? await camerasRepository.get(db, alarm.cameraId) : undefined;
  return {
    id: alarm.id,
    kind: alarm.kind,
    category: alarm.category,
    severity: alarm.severity,
    article: alarm.article,
    cameraId: alarm.cameraId,
    cameraName: camera?.name ?? null,
    subject: alarm.subject,
    startedAt: alarm.startedAt,
    endedAt: alarm.endedAt,
    details: alarm.details,
    snapshots: alarm.snapshots.map((s) => ({ ...s, path: `/api/alarms/${alarm.id}/snapshots/${s.which}` })),
    acknowledgement: alarm.acknowledgement,
  };
}

/** The event's data, and when it happened. */
export async function eventData(db: Db, event: CustosEvent): Promise<{ at: string; data: Record<string, unknown> }> {
  switch (event.type) {
    case 'alarm.raised':
    case 'alarm.ended':
    case 'alarm.acknowledged': {
      const alarm = await alarmPayload(db, event.alarm);
      const at = event.type === 'alarm.raised' ? alarm.startedAt : event.type === 'alarm.ended' ? (alarm.endedAt ?? alarm.startedAt) : (alarm.acknowledgement?.at ?? alarm.startedAt);
      return { at, data: { alarm } };
    }
    case 'camera.availability':
      return { at: event.at, data: { cameraId: event.cameraId, cameraName: event.cameraName, online: event.online } };
    case 'ledger.checkpoint': {
      const { treeSize, rootHash, at, keyId, signature } = event.checkpoint;
      return { at, data: { checkpoint: { treeSize, rootHash, at, keyId, signature } } };
    }
    case 'public-report.forwarded':
      return { at: event.report.forwardedAt, data: { report: { ...event.report } } };
  }
}
