/** Messages between the redaction engine and its detection worker threads. */
import type { FaceDetection } from './face-detector.ts';
import type { PlateDetection } from './plate-detector.ts';

export interface DetectWorkerSettings {
  faceMinConfidence: number;
  /** Faces are looked for on the frame scaled by this (SSD sees 512×512 anyway). */
  faceScale: number;
  plateMinWidth: number;
}

export type ToDetectWorker = { type: 'frame'; id: number; width: number; height: number; rgb: ArrayBuffer; faces: boolean } | { type: 'close' };

export type FromDetectWorker =
  | { type: 'ready'; info: Record<string, unknown> }
  | { type: 'result'; id: number; faces: FaceDetection[]; plates: PlateDetection[] }
  | { type: 'error'; id?: number; message: string };
