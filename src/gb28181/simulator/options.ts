/** What a simulated GB/T 28181 device is: its codes, the platform it registers to, its channels and faults. */
import { requireGbCodeOfRole } from '../ids.ts';
import type { SipTransportName } from '../ua/channel.ts';

export interface GbSimFaults {
  /** Register with a wrong password (the platform answers 401/403 again). */
  wrongPassword?: boolean;
  /** Send no keepalives (the platform should mark the device offline after 3 intervals). */
  stopKeepalive?: boolean;
  /** Answer nothing at all (queries, INVITE) while registered. */
  unresponsive?: boolean;
  /** Send a garbage datagram (or TCP bytes) every this many seconds. */
  garbageEverySec?: number;
}

export interface GbSimOptions {
  /** 20-digit code; type digits 118 (NVR) or 132 (IPC). Default an NVR in 34020000. */
  deviceId?: string;
  platform: { id: string; host: string; port: number; domain?: string };
  password: string;
  transport?: SipTransportName;
  /** Number of channels (NVR; an IPC has 1). */
  channels?: number;
  /** Catalog items per Response MESSAGE (real NVRs send few). */
  catalogPerMessage?: number;
  keepaliveSec?: number;
  expiresSec?: number;
  /** Fake recordings (RecordInfo) are this long. */
  recordMinutes?: number;
  /** Annex B clips; the codec of channel n: odd h264, even h265 unless `codec` says one. */
  clips?: { h264?: string; h265?: string };
  codec?: 'h264' | 'h265' | 'mixed';
  fps?: number;
  /** Address our SIP and media sockets bind to, and the one we announce. */
  localHost?: string;
  advertiseHost?: string;
  name?: string;
  faults?: GbSimFaults;
}

export interface GbSimChannel {
  channelId: string;
  name: string;
  codec: 'h264' | 'h265';
}

export const DEFAULT_NVR_ID = '34020000001180000001';

export interface ResolvedSimOptions extends Required<Omit<GbSimOptions, 'faults' | 'clips' | 'advertiseHost' | 'platform'>> {
  platform: { id: string; host: string; port: number; domain: string };
  faults: GbSimFaults;
  clips: { h264?: string; h265?: string };
  advertiseHost: string | undefined;
  kind: 'NVR' | 'IPC';
}

export function resolveSimOptions(options: GbSimOptions): ResolvedSimOptions {
  const deviceId = options.deviceId ?? DEFAULT_NVR_ID;
  const code = requireGbCodeOfRole(deviceId, ['device', 'channel'], 'deviceId');
  const kind = code.type === '118' ? 'NVR' : 'IPC';
  if (code.type !== '118' && code.type !== '132') throw new Error(`deviceId ${deviceId}: type digits must be 118 (NVR) or 132 (IPC), not ${code.type}`);
  return {
    deviceId,
    kind,
    platform: { ...options.platform, domain: options.platform.domain ?? options.platform.id.slice(0, 10) },
    password: options.password,
    transport: options.transport ?? 'UDP',
    channels: kind === 'IPC' ? 1 : Math.max(1, options.channels ?? 4),
    catalogPerMessage: options.catalogPerMessage ?? 2,
    keepaliveSec: options.keepaliveSec ?? 60,
    expiresSec: options.expiresSec ?? 3600,
    recordMinutes: options.recordMinutes ?? 30,
    clips: options.clips ?? {},
    codec: options.codec ?? 'h264',
    fps: options.fps ?? 25,
    localHost: options.localHost ?? '0.0.0.0',
    advertiseHost: options.advertiseHost,
    name: options.name ?? `Custos simulated ${kind}`,
    faults: { ...options.faults },
  };
}

/** Channel n (1-based): the device's centre, industry and network digits, type 131 (NVR) or 132 (IPC). */
export function simChannels(options: ResolvedSimOptions): GbSimChannel[] {
  const id = options.deviceId;
  if (options.kind === 'IPC') return [{ channelId: id, name: `${options.name}`, codec: options.codec === 'h265' ? 'h265' : 'h264' }];
  return Array.from({ length: options.channels }, (_, i) => {
    const n = i + 1;
    const codec = options.codec === 'mixed' ? (n % 2 === 1 ? 'h264' : 'h265') : options.codec;
    return { channelId: `${id.slice(0, 10)}131${id[13]}${id.slice(17)}${String(n).padStart(3, '0')}`, name: `${options.name} channel ${n}`, codec };
  });
}
