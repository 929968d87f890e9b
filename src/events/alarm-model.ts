import type { AlarmCategory, AlarmKind, AlarmSeverity } from './alarm-kinds.ts';

/** Who acknowledged an alarm, when, and what they said. */
export interface AlarmAcknowledgement {
  userId: string;
  name: string;
  unitName: string;
  at: string;
  comment: string;
}

/** A snapshot kept with an alarm: the picture before the onset and after it (tamper alarms). */
export interface AlarmSnapshotRef {
  which: 'before' | 'after';
  /** When the frame was taken (the camera's keyframe time). */
  at: string;
  sha256: string;
  bytes: number;
}

/**
 * One alarm: open from `startedAt` until `endedAt` (null while the condition holds). A kind raised for
 * a `subject` (a camera id, a user name, 'system') that is already open is the same alarm, not a new one.
 */
export interface AlarmRecord {
  id: string;
  kind: AlarmKind;
  category: AlarmCategory;
  severity: AlarmSeverity;
  article: string;
  cameraId: string | null;
  subject: string;
  startedAt: string;
  endedAt: string | null;
  /** What the detector or monitor saw (figures, thresholds, addresses); never a secret. */
  details: Record<string, unknown>;
  snapshots: AlarmSnapshotRef[];
  acknowledgement: AlarmAcknowledgement | null;
}

/** A snapshot given with a raise: the JPEG bytes, stored by the alarm store under its data folder. */
export interface AlarmSnapshotInput {
  which: 'before' | 'after';
  at: string;
  jpeg: Uint8Array;
}

export interface RaiseAlarmInput {
  kind: AlarmKind;
  /** The camera the alarm is about; null for system and security alarms. */
  cameraId?: string | null;
  /** What makes it one alarm (defaults to the camera id, else 'system'). */
  subject?: string;
  /** Defaults to the kind's severity. */
  severity?: AlarmSeverity;
  /** Defaults to now. */
  at?: string;
  details?: Record<string, unknown>;
  snapshots?: AlarmSnapshotInput[];
}
