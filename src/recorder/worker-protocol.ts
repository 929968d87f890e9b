import type { GbMediaRequest, GbMediaSession } from '../gb28181/media-session.ts';
import type { RecordingAlarm } from '../recording/segment-writer.ts';
import type { SourceAddressRules } from '../registry/source-address-policy.ts';
import type { CameraRecordingStatus } from './camera-status.ts';
import type { StorageConfig } from '../storage/config.ts';
import type { ObjectLockState } from '../storage/s3-segment-store.ts';
import type { FragmentTapChunk } from './recorder.ts';
import type { TamperChange, TamperSettings } from '../analytics/tamper/tamper-model.ts';

/** What a recorder worker is given at start. */
export interface RecorderWorkerData {
  databaseUrl: string;
  /** PostgreSQL schema, when not the default (tests). */
  databaseSchema?: string;
  segmentsRoot: string;
  /** Where segments go (config `storage`): the worker makes the same store as the main thread; local when absent. */
  storage?: StorageConfig;
  /** What the main thread found about the bucket's object lock (S3SegmentStore.start). */
  objectLock?: ObjectLockState | undefined;
  segmentMs: number;
  transport: 'tcp' | 'udp';
  /** How far a camera's RTCP clock may be from ours and still stamp its footage. */
  clockToleranceMs?: number;
  ffmpegPath?: string;
  /** The camera source address policy, as data (registry/source-address-policy.ts). */
  sourceRules?: SourceAddressRules;
  /** Watch the cameras for tampering (analytics/tamper) where ffmpeg is there. */
  tamper?: boolean;
  /** The main thread has a GB/T 28181 media broker: gb28181:// recorders reach it through gb-invite/gb-bye. */
  gbMedia?: boolean;
  /** The address GB/T 28181 devices are told to send media to. */
  gbMediaHost?: string;
  /** Cluster mode: this recorder's node id, the fence its segments are indexed under (segment-repository.ts). */
  fence?: string;
}

/** The broker's answer to a worker's gb-invite or gb-bye (error: the DomainError's code and texts). */
export type GbReply = { type: 'gb-reply'; id: number; session?: GbMediaSession; error?: { code: string; zh: string; en: string } };

export type ToWorker =
  | { type: 'start'; cameraId: string; url: string }
  | { type: 'stop'; cameraId: string }
  | { type: 'live'; cameraId: string; on: boolean }
  | { type: 'tamper-settings'; cameraId: string; settings: TamperSettings }
  | { type: 'tamper-relearn'; cameraId: string }
  | GbReply
  | { type: 'shutdown' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'status'; status: CameraRecordingStatus }
  | { type: 'alarm'; alarm: RecordingAlarm }
  | { type: 'stopped'; cameraId: string }
  | { type: 'live'; cameraId: string; chunk: FragmentTapChunk }
  | { type: 'tamper'; change: TamperChange }
  | { type: 'gb-invite'; id: number; request: GbMediaRequest }
  | { type: 'gb-bye'; id: number; callId: string }
  | { type: 'shutdown-complete' };
