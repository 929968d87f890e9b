/** What the ONVIF responder simulator is and remembers: identity, credentials, profiles, PTZ, events. */
import type { PtzVelocity } from '../../ptz/ptz-driver.ts';

export interface SimIdentity {
  manufacturer: string;
  model: string;
  firmwareVersion: string;
  serialNumber: string;
  hardwareId: string;
  /** aa:bb:cc:dd:ee:ff */
  mac: string;
}

export interface SimProfile {
  token: string;
  name: string;
  encoding: 'H264' | 'H265';
  width: number;
  height: number;
  fps: number;
  /** What GetStreamUri answers: an RTSP simulator camera. */
  streamUri: string;
  ptz: boolean;
}

export interface SimPtz {
  /** Position in [-1, 1] per axis; moves integrate the velocity over time. */
  position: PtzVelocity;
  velocity: PtzVelocity;
  movingSince: number | null;
  /** Every ContinuousMove and Stop received, in order. */
  moves: ({ kind: 'move'; velocity: PtzVelocity } | { kind: 'stop' } | { kind: 'goto'; token: string })[];
  presets: Map<string, { name: string; position: PtzVelocity }>;
}

export interface SimNotification {
  topic: string;
  utcTime: string;
  operation: 'Initialized' | 'Changed';
  source: Record<string, string>;
  data: Record<string, string>;
}

export interface SimPullPoint {
  id: string;
  queue: SimNotification[];
  terminatesAt: number;
  waiters: (() => void)[];
}

export const DEFAULT_IDENTITY: SimIdentity = {
  manufacturer: 'Custos Simulated',
  model: 'ONVIF-SIM-1',
  firmwareVersion: '1.0.0',
  serialNumber: 'SIM-0001',
  hardwareId: 'SIM-HW-1',
  mac: '02:00:00:00:00:01',
};

export const zero = (): PtzVelocity => ({ pan: 0, tilt: 0, zoom: 0 });
