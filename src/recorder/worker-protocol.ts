import type { RecordingAlarm } from '../recording/segment-writer.ts';
import type { SourceAddressRules } from '../registry/source-address-policy.ts';
import type { CameraRecordingStatus } from './camera-status.ts';
import type { FragmentTapChunk } from './recorder.ts';
import type { TamperChange, TamperSettings } from '../analytics/tamper/tamper-model.ts';

/** What a recorder worker is given at start. */
export interface RecorderWorkerData {
  databaseUrl: string;
  /** PostgreSQL schema, when not the default (tests). */
  databaseSchema?: string;
  segmentsRoot: string;
  segmentMs: number;
  transport: 'tcp' | 'udp';
  ffmpegPath?: string;
  /** The camera source address policy, as data (registry/source-address-policy.ts). */
  sourceRules?: SourceAddressRules;
  /** Watch the cameras for tampering (analytics/tamper) where ffmpeg is there. */
  tamper?: boolean;
}

export type ToWorker =
  | { type: 'start'; cameraId: string; url: string }
  | { type: 'stop'; cameraId: string }
  | { type: 'live'; cameraId: string; on: boolean }
  | { type: 'tamper-settings'; cameraId: string; settings: TamperSettings }
  | { type: 'tamper-relearn'; cameraId: string }
  | { type: 'shutdown' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'status'; status: CameraRecordingStatus }
  | { type: 'alarm'; alarm: RecordingAlarm }
  | { type: 'stopped'; cameraId: string }
  | { type: 'live'; cameraId: string; chunk: FragmentTapChunk }
  | { type: 'tamper'; change: TamperChange }
  | { type: 'shutdown-complete' };
