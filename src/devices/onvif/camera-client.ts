/**
 * The ONVIF client of a registry camera added by ONVIF: its kept device address, and the credentials
 * of its stream address (stored, sealed, by the registry). One client per camera is kept, so the
 * device's clock offset is learnt once.
 */
import type { Db } from '../../db/connect.ts';
import type { CameraRecord } from '../../registry/model.ts';
import { OnvifClient } from './client.ts';
import { onvifCameraRepository, type OnvifCameraLink } from './onvif-camera-repository.ts';

export function credentialOf(sourceUrl: string | null): { username: string; password: string } | undefined {
  if (!sourceUrl) return undefined;
  try {
    const url = new URL(sourceUrl);
    return url.username ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : undefined;
  } catch {
    return undefined;
  }
}

export class OnvifCameraClients {
  private readonly clients = new Map<string, { key: string; client: OnvifClient }>();

  constructor(
    private readonly db: Db,
    private readonly options: { timeoutMs: number; now?: () => Date },
  ) {}

  async link(cameraId: string): Promise<OnvifCameraLink | undefined> {
    return onvifCameraRepository.get(this.db, cameraId);
  }

  /** The client for the camera, or undefined when it was not added by ONVIF. */
  async clientFor(camera: CameraRecord): Promise<{ client: OnvifClient; link: OnvifCameraLink } | undefined> {
    const link = await this.link(camera.id);
    if (!link) return undefined;
    const credential = credentialOf(camera.sourceUrl);
    const key = `${link.deviceUrl}\n${credential?.username ?? ''}\n${credential?.password ?? ''}`;
    const known = this.clients.get(camera.id);
    if (known?.key === key) return { client: known.client, link };
    const client = new OnvifClient({ deviceUrl: link.deviceUrl, credential, timeoutMs: this.options.timeoutMs, ...(this.options.now ? { now: this.options.now } : {}) });
    this.clients.set(camera.id, { key, client });
    return { client, link };
  }
}
