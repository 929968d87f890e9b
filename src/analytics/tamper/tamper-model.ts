/** The tamper detector's vocabulary (art. 23(2)): what it reports, how sensitive it is, what it learned. */
import { z } from 'zod';
import type { AlarmKind } from '../../events/alarm-kinds.ts';

export const TAMPER_KINDS = ['TAMPER_OCCLUSION', 'TAMPER_LOW_DETAIL', 'TAMPER_DEFOCUS', 'TAMPER_SCENE_CHANGE', 'TAMPER_SIGNAL_LOST'] as const satisfies readonly AlarmKind[];
export type TamperKind = (typeof TAMPER_KINDS)[number];

export const TAMPER_SENSITIVITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export const tamperSensitivity = z.enum(TAMPER_SENSITIVITIES);
export type TamperSensitivity = z.infer<typeof tamperSensitivity>;

export interface TamperSettings {
  enabled: boolean;
  sensitivity: TamperSensitivity;
}

export const DEFAULT_TAMPER_SETTINGS: TamperSettings = { enabled: true, sensitivity: 'MEDIUM' };

/** The camera's normal picture, learned over its first frames: kept so a restart does not learn a tampered scene. */
export interface TamperReference {
  /** The mean of the learned frames, 160×120 grey. */
  frame: Uint8Array;
  std: number;
  /** Standard deviation over mean: contrast for the light there is. */
  contrast: number;
  sharpness: number;
  frames: number;
  learnedAt: string;
}

/** A tamper condition began (with the figures that showed it) or ended. */
export interface TamperChange {
  cameraId: string;
  kind: TamperKind;
  state: 'onset' | 'cleared';
  /** The keyframe's wall time (ISO). */
  at: string;
  details: Record<string, unknown>;
  /** On onset: the picture before the onset and the current one, where they could be made. */
  snapshots?: { which: 'before' | 'after'; at: string; jpeg: Uint8Array }[];
}
