/**
 * The demo's GB/T 28181 device (demo.gb28181 with gb28181.enabled): one simulated NVR on 127.0.0.1
 * that registers to Custos's own SIP platform with the platform's password, so that `npm start`
 * shows a device, its catalog and live PS over RTP without any hardware.
 */
import { startGbSimDevice, type GbSimDevice } from '../gb28181/simulator/device.ts';

export interface DemoGbDeviceOptions {
  /** Our platform's 20-digit code, its SIP port on this machine and transport. */
  platformId: string;
  port: number;
  transport?: 'UDP' | 'TCP';
  /** The Digest password devices register with. */
  password: string;
  /** The platform's domain when it is not the first 10 digits of its code. */
  domain?: string;
  channels?: number;
}

/** The demo NVR's code: same centre and industry digits as the platform, type 118. */
export function demoGbDeviceId(platformId: string): string {
  return `${platformId.slice(0, 10)}1180000001`;
}

export interface DemoGbDevice {
  deviceId: string;
  /** gb28181:// stream addresses of its channels, for registering demo cameras. */
  streamUrls: string[];
  device: GbSimDevice;
  close(): Promise<void>;
}

export async function startDemoGbDevice(options: DemoGbDeviceOptions): Promise<DemoGbDevice> {
  const deviceId = demoGbDeviceId(options.platformId);
  const device = await startGbSimDevice({
    deviceId,
    platform: { id: options.platformId, host: '127.0.0.1', port: options.port, ...(options.domain ? { domain: options.domain } : {}) },
    password: options.password,
    transport: options.transport ?? 'UDP',
    channels: options.channels ?? 2,
    localHost: '127.0.0.1',
    keepaliveSec: 60,
    name: 'Custos 演示 NVR',
  });
  return {
    deviceId,
    streamUrls: device.channels.map((c) => `gb28181://${deviceId}/${c.channelId}`),
    device,
    close: () => device.close(),
  };
}
