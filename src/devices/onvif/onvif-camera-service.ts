/**
 * Adding a camera found by ONVIF: the device is asked (with the credentials given) for its identity,
 * profiles and stream addresses; the registry camera is created through the registry service (its
 * rules: active site, art. 8 checks, source networks, CONFIG on the site for the actor), with the
 * product fields filled in and the main profile's RTSP address carrying the credentials (the registry
 * seals and redacts it as for any camera). The device address, the chosen profiles and the substream
 * address are kept for PTZ, events and identity checks; UNREGISTERED_DEVICE for it ends.
 */
import type { Principal } from '../../access/principal.ts';
import type { Db } from '../../db/connect.ts';
import type { AlarmSink } from '../../events/alarm-sink.ts';
import type { CameraRecord } from '../../registry/model.ts';
import type { CamerasService } from '../../registry/services/cameras.ts';
import type { Actor } from '../../registry/services/context.ts';
import { checkSourceAddress, type SourceAddressPolicy } from '../../registry/source-address-policy.ts';
import { InvalidError } from '../../shared/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import { OnvifClient } from './client.ts';
import { unregisteredSubject } from './discovery/discovery-service.ts';
import { onvifCameraRepository } from './onvif-camera-repository.ts';
import type { DeviceInformation } from './parse/device.ts';
import type { MediaProfile } from './parse/media.ts';
import type { Credential } from './soap/envelope.ts';
import { OnvifError } from './soap/errors.ts';
import { onvifDomainError } from './domain-error.ts';

export interface OnvifDeviceTarget extends Credential {
  deviceUrl: string;
}

export interface InspectedDevice {
  device: DeviceInformation;
  mac: string | null;
  ptz: boolean;
  events: boolean;
  /** Each profile with its RTSP address (as the device gives it: without credentials). */
  profiles: (MediaProfile & { streamUri: string | null })[];
}

export interface AddOnvifCameraInput extends OnvifDeviceTarget {
  siteId: string;
  name: string;
  /** Default: the first profile (the main stream). */
  mainProfile?: string | undefined;
  /** Default: the smallest other profile, when there is one. */
  subProfile?: string | null | undefined;
  /** Any other registry fields of the camera (placement, zone, necessity …). */
  camera?: Record<string, unknown> | undefined;
}

export interface OnvifCameraDeps {
  db: Db;
  clock: Clock;
  gate: { requireAction(principal: Principal, action: 'CONFIG'): Promise<void> };
  cameras: CamerasService;
  sink: AlarmSink;
  timeoutMs: number;
  sourceAddresses?: SourceAddressPolicy | undefined;
  /** Told when a camera with events was added (the events subscriber starts for it). */
  onAdded?: ((cameraId: string) => void) | undefined;
}


export class OnvifCameraService {
  constructor(private readonly deps: OnvifCameraDeps) {}

  private async client(target: OnvifDeviceTarget): Promise<OnvifClient> {
    let url: URL;
    try {
      url = new URL(target.deviceUrl);
    } catch {
      url = new URL('invalid:');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new InvalidError('E_ONVIF_ADDRESS', { message: { zh: 'ONVIF 设备地址须为 http(s):// 地址', en: 'The ONVIF device address must be an http(s):// address' }, details: { field: 'deviceUrl' } });
    }
    await checkSourceAddress(target.deviceUrl, this.deps.sourceAddresses);
    return new OnvifClient({ deviceUrl: target.deviceUrl, credential: { username: target.username, password: target.password }, timeoutMs: this.deps.timeoutMs });
  }

  /** What the device offers; CONFIG in some grant. */
  async inspect(principal: Principal | null, target: OnvifDeviceTarget): Promise<InspectedDevice> {
    if (principal) await this.deps.gate.requireAction(principal, 'CONFIG');
    const client = await this.client(target);
    try {
      const device = await client.deviceInformation();
      const [services, nics, profiles] = [await client.serviceAddresses(), await client.networkInterfaces().catch(() => []), await client.profiles()];
      const withUris = [];
      for (const profile of profiles) withUris.push({ ...profile, streamUri: await client.streamUri(profile.token).catch(() => null) });
      return { device, mac: nics.find((n) => n.mac)?.mac ?? null, ptz: services.ptz !== null && profiles.some((p) => p.ptzConfigurationToken), events: services.events !== null, profiles: withUris };
    } catch (error) {
      if (error instanceof OnvifError) throw onvifDomainError(error);
      throw error;
    }
  }

  /** Creates the registry camera (CONFIG on the site, checked by the registry) and keeps the ONVIF link. */
  async add(input: AddOnvifCameraInput, actor: Actor): Promise<CameraRecord> {
    const inspected = await this.inspect(actor.principal ?? null, input);
    const main = inspected.profiles.find((p) => p.token === (input.mainProfile ?? inspected.profiles[0]?.token));
    if (!main?.streamUri) throw new InvalidError('E_ONVIF_PROFILE', { message: { zh: '设备没有可用的主码流', en: 'The device has no usable main stream profile' }, details: { field: 'mainProfile' } });
    const others = inspected.profiles.filter((p) => p.token !== main.token && p.streamUri);
    const sub = input.subProfile === null ? undefined : input.subProfile ? others.find((p) => p.token === input.subProfile) : [...others].sort((a, b) => (a.width ?? 0) * (a.height ?? 0) - (b.width ?? 0) * (b.height ?? 0))[0];
    const sourceUrl = new URL(main.streamUri);
    sourceUrl.username = encodeURIComponent(input.username);
    sourceUrl.password = encodeURIComponent(input.password);
    const { device } = inspected;
    const camera = await this.deps.cameras.create(
      {
        ...input.camera,
        siteId: input.siteId,
        name: input.name,
        deviceType: inspected.ptz && main.ptzConfigurationToken ? 'PTZ' : (input.camera?.deviceType ?? 'FIXED'),
        sourceUrl: sourceUrl.toString(),
        manufacturer: device.manufacturer.slice(0, 200),
        model: device.model.slice(0, 200),
        serialNumber: device.serialNumber.slice(0, 200),
        firmwareVersion: device.firmwareVersion?.slice(0, 200) ?? null,
        hardwareVersion: device.hardwareId?.slice(0, 200) ?? null,
      },
      actor,
    );
    await onvifCameraRepository.insert(this.deps.db, {
      cameraId: camera.id,
      deviceUrl: input.deviceUrl,
      endpoint: null,
      mainProfile: main.token,
      subProfile: sub?.token ?? null,
      substreamUrl: sub?.streamUri ?? null,
      ptzProfile: main.ptzConfigurationToken ? main.token : null,
      events: inspected.events,
      mac: inspected.mac,
      addedAt: this.deps.clock.now().toISOString(),
    });
    await this.deps.sink.resolve('UNREGISTERED_DEVICE', unregisteredSubject(input.deviceUrl));
    if (inspected.events) this.deps.onAdded?.(camera.id);
    return camera;
  }
}
