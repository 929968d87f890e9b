/**
 * Moving a camera, whatever protocol reaches it: ONVIF PTZ (src/devices/onvif) or GB/T 28181
 * DeviceControl (src/gb28181). The PTZ service (ptz-service.ts) picks the driver for a camera, checks
 * the PTZ permission on that camera and writes the access-register entry when an operator takes control.
 */
import type { CameraRecord } from '../../registry/model.ts';

/** Speeds in [-1, 1]: negative pans left, tilts down, zooms out. */
export interface PtzVelocity {
  pan: number;
  tilt: number;
  zoom: number;
}

export interface PtzPreset {
  /** The device's own token (ONVIF PresetToken, GB/T 28181 preset number as text). */
  token: string;
  name: string | null;
}

export interface PtzDriver {
  continuousMove(velocity: PtzVelocity): Promise<void>;
  stop(): Promise<void>;
  presets(): Promise<PtzPreset[]>;
  gotoPreset(token: string): Promise<void>;
  setPreset(name: string): Promise<PtzPreset>;
}

/** Gives the driver for a camera, or null when this protocol does not reach it (the next factory is asked). */
export type PtzDriverFactory = (camera: CameraRecord) => Promise<PtzDriver | null>;
