/**
 * The device identity check (REG-23-2 (3), art. 23(3); REG-07-6 in part): asks the camera's address
 * who it is (ONVIF GetDeviceInformation) and holds the answer against the registry. Another serial
 * number is a swapped device (DEVICE_SWAPPED, tamper); another maker or model is an unknown device on
 * the camera's address (UNKNOWN_DEVICE). A device that answers as registered ends both. Run on a
 * schedule for every active camera and on demand (CONFIG on the camera).
 */
import type { AuthorizationService } from '../../access/authorization/authorization-service.ts';
import type { Principal } from '../../access/principal.ts';
import type { AlarmSink } from '../../events/alarm-sink.ts';
import type { CameraRecord } from '../../registry/model.ts';
import type { CamerasService } from '../../registry/services/cameras.ts';
import { checkSourceAddress, type SourceAddressPolicy } from '../../registry/source-address-policy.ts';
import type { Clock } from '../../shared/clock.ts';
import { getDeviceInformation, OnvifError, type DeviceInformation } from './onvif-device-information.ts';

export type IdentityOutcome = 'MATCH' | 'DEVICE_SWAPPED' | 'UNKNOWN_DEVICE' | 'NOT_REGISTERED' | 'NO_ADDRESS' | 'UNREACHABLE';

export interface IdentityCheckResult {
  cameraId: string;
  checkedAt: string;
  outcome: IdentityOutcome;
  registry: { manufacturer: string | null; model: string | null; serialNumber: string | null };
  device: DeviceInformation | null;
  /** The registry fields the device does not match. */
  mismatches: ('manufacturer' | 'model' | 'serialNumber')[];
  /** Why the device could not be asked (E_ONVIF_*), when it could not. */
  error: { code: string; message: string } | null;
}

export interface IdentityCheckDeps {
  clock: Clock;
  gate: AuthorizationService;
  cameras: CamerasService;
  sink: AlarmSink;
  /** The port of the ONVIF device service on each camera's host (80 by default). */
  onvifPort?: number | undefined;
  timeoutMs?: number | undefined;
  sourceAddresses?: SourceAddressPolicy | undefined;
  /** The ONVIF device address kept for a camera added by ONVIF; otherwise its stream host on `onvifPort` is asked. */
  deviceAddress?: ((cameraId: string) => Promise<string | undefined>) | undefined;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The device service URL and the credential of a camera, from its stream address; undefined without one. */
export function deviceServiceOf(sourceUrl: string | null, port = 80): { url: string; credential: { username: string; password: string } | undefined } | undefined {
  if (!sourceUrl) return undefined;
  // A GB/T 28181 channel has no address of its own: the device answers DeviceInfo through the SIP platform.
  if (/^gb28181:\/\//i.test(sourceUrl)) return undefined;
  let source: URL;
  try {
    source = new URL(sourceUrl);
  } catch {
    return undefined;
  }
  if (!source.hostname) return undefined;
  const url = new URL('http://device.invalid/onvif/device_service');
  url.hostname = source.hostname;
  if (port !== 80) url.port = String(port);
  const credential = source.username ? { username: decodeURIComponent(source.username), password: decodeURIComponent(source.password) } : undefined;
  return { url: url.toString(), credential };
}

export class DeviceIdentityService {
  constructor(private readonly deps: IdentityCheckDeps) {}

  /** One camera now; with a principal, CONFIG on the camera is required. */
  async check(cameraId: string, principal?: Principal): Promise<IdentityCheckResult> {
    if (principal) await this.deps.gate.requireCamera(principal, 'CONFIG', cameraId);
    return this.checkCamera(await this.deps.cameras.get(cameraId));
  }

  /** Every active camera with a stream address, one after another (the scheduled check). */
  async checkAll(): Promise<IdentityCheckResult[]> {
    const cameras = (await this.deps.cameras.list()).filter((c) => c.status === 'ACTIVE' && c.sourceUrl);
    const results: IdentityCheckResult[] = [];
    for (const camera of cameras) results.push(await this.checkCamera(camera));
    return results;
  }

  private async checkCamera(camera: CameraRecord): Promise<IdentityCheckResult> {
    const now = this.deps.clock.now();
    const registry = { manufacturer: camera.manufacturer, model: camera.model, serialNumber: camera.serialNumber };
    const base = { cameraId: camera.id, checkedAt: now.toISOString(), registry, device: null, mismatches: [], error: null };
    const kept = await this.deps.deviceAddress?.(camera.id);
    const fromStream = deviceServiceOf(camera.sourceUrl, this.deps.onvifPort);
    const service = kept ? { url: kept, credential: fromStream?.credential } : fromStream;
    if (!service) return { ...base, outcome: 'NO_ADDRESS' };
    let device: DeviceInformation;
    try {
      await checkSourceAddress(service.url, this.deps.sourceAddresses);
      device = await getDeviceInformation(service.url, service.credential, { now, timeoutMs: this.deps.timeoutMs });
    } catch (error) {
      if (!(error instanceof OnvifError)) throw error;
      return { ...base, outcome: 'UNREACHABLE', error: { code: error.code, message: error.message } };
    }
    const mismatches = (['manufacturer', 'model', 'serialNumber'] as const).filter((f) => registry[f] !== null && !same(registry[f] ?? '', device[f]));
    if (!registry.serialNumber && !registry.manufacturer && !registry.model) return { ...base, device, outcome: 'NOT_REGISTERED' };
    const unknown = mismatches.includes('manufacturer') || mismatches.includes('model');
    const swapped = mismatches.includes('serialNumber');
    const details = { address: new URL(service.url).host, expected: registry, found: { manufacturer: device.manufacturer, model: device.model, serialNumber: device.serialNumber, firmwareVersion: device.firmwareVersion }, mismatches };
    await this.settle('UNKNOWN_DEVICE', unknown, camera.id, details);
    await this.settle('DEVICE_SWAPPED', swapped && !unknown, camera.id, details);
    return { ...base, device, mismatches, outcome: unknown ? 'UNKNOWN_DEVICE' : swapped ? 'DEVICE_SWAPPED' : 'MATCH' };
  }

  private async settle(kind: 'UNKNOWN_DEVICE' | 'DEVICE_SWAPPED', holds: boolean, cameraId: string, details: Record<string, unknown>): Promise<void> {
    if (holds) await this.deps.sink.raise({ kind, cameraId, details });
    else await this.deps.sink.resolve(kind, cameraId);
  }
}
