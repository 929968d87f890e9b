/**
 * Finding ONVIF cameras (REG-07-6): a WS-Discovery Probe (multicast and the configured unicast
 * targets), then for each device, with the credentials given, its identity and network interfaces.
 * A device is in the inventory when a registry camera has its serial number or its address; one that
 * is not raises UNREGISTERED_DEVICE (ended when it is added, or found in the inventory later).
 * CONFIG in some grant is required; the results say only whether a device is known, not which camera.
 */
import type { Principal } from '../../../access/principal.ts';
import type { AlarmSink } from '../../../events/alarm-sink.ts';
import type { CameraRecord } from '../../../registry/model.ts';
import type { OnvifCameraLink } from '../onvif-camera-repository.ts';
import { OnvifClient } from '../client.ts';
import { parseTarget, type OnvifConfig } from '../config.ts';
import type { Credential } from '../soap/envelope.ts';
import { OnvifError } from '../soap/errors.ts';
import { DomainError } from '../../../shared/errors.ts';
import { checkSourceAddress, type SourceAddressPolicy } from '../../../registry/source-address-policy.ts';
import { probe, type ProbeTarget } from './probe.ts';
import { readScopes } from './probe-message.ts';

export interface DiscoveredDevice {
  endpoint: string;
  /** The device service address (the first XAddr). */
  deviceUrl: string | null;
  addresses: string[];
  scopes: { name: string | null; hardware: string | null; location: string | null };
  manufacturer: string | null;
  model: string | null;
  firmwareVersion: string | null;
  serialNumber: string | null;
  hardwareId: string | null;
  mac: string | null;
  inInventory: boolean;
  /** Why the identity could not be read (E_ONVIF_*), when it could not. */
  error: { code: string; message: string } | null;
}

export interface DiscoveryReport {
  devices: DiscoveredDevice[];
  multicast: 'sent' | 'refused' | 'off';
  multicastError: string | null;
}

export interface DiscoveryDeps {
  gate: { requireAction(principal: Principal, action: 'CONFIG'): Promise<void> };
  cameras: () => Promise<CameraRecord[]>;
  links: () => Promise<OnvifCameraLink[]>;
  sink: AlarmSink;
  config: OnvifConfig;
  now?: () => Date;
  /** Where devices may be asked (the camera source networks): a ProbeMatch may name any address. */
  sourceAddresses?: SourceAddressPolicy | undefined;
}

export interface DiscoverOptions {
  credential?: Credential | undefined;
  /** Extra unicast targets for this run (host:port). */
  targets?: string[] | undefined;
  /** Override the configured multicast switch (tests, a CLI flag). */
  multicast?: boolean | undefined;
  timeoutMs?: number | undefined;
}

const hostOf = (url: string | null): string | null => {
  try {
    return url ? new URL(url).hostname.replace(/^\[|\]$/g, '') : null;
  } catch {
    return null;
  }
};

/** The alarm subject of an unregistered device: its service address's host and port. */
export const unregisteredSubject = (deviceUrl: string): string => {
  try {
    return `onvif:${new URL(deviceUrl).host}`;
  } catch {
    return `onvif:${deviceUrl.slice(0, 200)}`;
  }
};

export class OnvifDiscoveryService {
  private readonly extraTargets: string[] = [];

  constructor(private readonly deps: DiscoveryDeps) {}

  /** A unicast target probed on every run from now on (the demo's simulated camera). */
  addTarget(hostPort: string): void {
    if (!this.extraTargets.includes(hostPort)) this.extraTargets.push(hostPort);
  }

  async discover(principal: Principal | null, options: DiscoverOptions = {}): Promise<DiscoveryReport> {
    if (principal) await this.deps.gate.requireAction(principal, 'CONFIG');
    const config = this.deps.config.discovery;
    const targets: ProbeTarget[] = [...new Set([...config.targets, ...this.extraTargets, ...(options.targets ?? [])])].map(parseTarget);
    const result = await probe({ multicast: options.multicast ?? config.multicast, interfaceAddress: config.interface, ttl: config.ttl, targets, timeoutMs: options.timeoutMs ?? config.timeoutMs });
    const [cameras, links] = await Promise.all([this.deps.cameras(), this.deps.links()]);
    const devices: DiscoveredDevice[] = [];
    for (const match of result.matches) devices.push(await this.describe(match, options.credential, cameras, links));
    for (const device of devices) await this.settleAlarm(device);
    return { devices, multicast: result.multicast, multicastError: result.multicastError };
  }

  private async describe(match: { endpoint: string; xaddrs: string[]; scopes: string[]; from: string }, credential: Credential | undefined, cameras: CameraRecord[], links: OnvifCameraLink[]): Promise<DiscoveredDevice> {
    const deviceUrl = match.xaddrs[0] ?? null;
    const device: DiscoveredDevice = {
      endpoint: match.endpoint,
      deviceUrl,
      addresses: [...new Set([match.from, ...match.xaddrs.map(hostOf).filter((h): h is string => h !== null)])],
      scopes: readScopes(match.scopes),
      manufacturer: null,
      model: null,
      firmwareVersion: null,
      serialNumber: null,
      hardwareId: null,
      mac: null,
      inInventory: false,
      error: null,
    };
    if (deviceUrl && credential) {
      const client = new OnvifClient({ deviceUrl, credential, timeoutMs: this.deps.config.timeoutMs, ...(this.deps.now ? { now: this.deps.now } : {}) });
      try {
        // the credentials go only to addresses a camera may have
        await checkSourceAddress(deviceUrl, this.deps.sourceAddresses);
        const info = await client.deviceInformation();
        Object.assign(device, { manufacturer: info.manufacturer, model: info.model, firmwareVersion: info.firmwareVersion, serialNumber: info.serialNumber, hardwareId: info.hardwareId });
        const nics = await client.networkInterfaces();
        device.mac = nics.find((n) => n.enabled && n.mac)?.mac ?? null;
        device.addresses = [...new Set([...device.addresses, ...nics.flatMap((n) => n.ipv4)])];
      } catch (error) {
        if (!(error instanceof OnvifError) && !(error instanceof DomainError)) throw error;
        device.error = { code: error.code, message: error.message };
      }
    }
    device.inInventory = inInventory(device, cameras, links);
    return device;
  }

  private async settleAlarm(device: DiscoveredDevice): Promise<void> {
    if (!device.deviceUrl) return;
    const subject = unregisteredSubject(device.deviceUrl);
    if (device.inInventory) {
      await this.deps.sink.resolve('UNREGISTERED_DEVICE', subject);
      return;
    }
    await this.deps.sink.raise({
      kind: 'UNREGISTERED_DEVICE',
      cameraId: null,
      subject,
      details: { ip: device.addresses[0] ?? null, addresses: device.addresses, mac: device.mac, vendor: device.manufacturer, model: device.model, serialNumber: device.serialNumber, endpoint: device.endpoint, protocol: 'ONVIF' },
    });
  }
}

const same = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

export function inInventory(device: Pick<DiscoveredDevice, 'serialNumber' | 'addresses' | 'deviceUrl' | 'mac'>, cameras: CameraRecord[], links: OnvifCameraLink[]): boolean {
  if (device.serialNumber && cameras.some((c) => same(c.serialNumber, device.serialNumber))) return true;
  if (links.some((l) => l.deviceUrl === device.deviceUrl || (device.mac !== null && l.mac === device.mac))) return true;
  const hosts = new Set(device.addresses);
  // a camera whose stream address is on the device's host (loopback shared by simulators is not proof)
  return cameras.some((c) => {
    const host = hostOf(c.sourceUrl);
    return host !== null && hosts.has(host) && !/^127\.|^::1$|^localhost$/.test(host);
  });
}
