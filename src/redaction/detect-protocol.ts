/** Messages between the redaction engine and its detection worker threads. */
import type { FaceDetection } from './face-detector.ts';
import type { PlateDetection } from './plate-detector.ts';
import type { TextDetection } from './text-detector.ts';

export interface DetectWorkerSettings {
  faceMinConfidence: number;
  /** Faces are looked for on the frame scaled by this (SSD sees 512×512 anyway). */
  faceScale: number;
  plateMinWidth: number;
  /** Characters smaller than this (px) are not looked for on signs. */
  textMinCharPx: number;
}

/** What one frame's detectors found: faces (when asked for), plates, and text lines not on a plate. */
export interface FrameDetections {
  faces: FaceDetection[];
  plates: PlateDetection[];
  texts: TextDetection[];
}

export type ToDetectWorker = { type: 'frame'; id: number; width: number; height: number; rgb: ArrayBuffer; faces: boolean } | { type: 'close' };

export type FromDetectWorker =
  | { type: 'ready'; info: Record<string, unknown> }
  | ({ type: 'result'; id: number } & FrameDetections)
  | { type: 'error'; id?: number; message: string };
