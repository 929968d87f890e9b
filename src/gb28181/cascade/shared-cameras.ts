/**
 * The cameras an upward link shares, as catalog channels: the configured camera ids and the members of
 * the configured camera group, each under its GB code (a gb28181:// camera's channel id) or the code
 * the configuration maps it to. A camera with neither, or not in the registry, is left out and named.
 */
import { cameraGroupsRepository } from '../../access/repositories.ts';
import type { Db } from '../../db/connect.ts';
import { camerasRepository, sitesRepository } from '../../registry/repositories/index.ts';
import { isGbStreamUrl, parseGbStreamUrl } from '../stream-url.ts';
import type { CascadeUpwardConfig } from './config.ts';

export interface SharedCamera {
  cameraId: string;
  channelId: string;
  name: string;
  address: string | null;
  status: 'ON' | 'OFF';
  unitId: string | null;
}

export interface SharedCatalog {
  cameras: SharedCamera[];
  /** Named in the configuration but not shared: no such camera, or no channel code for it. */
  skipped: Array<{ cameraId: string; problem: 'NOT_FOUND' | 'NO_CHANNEL_CODE' | 'DUPLICATE_CODE' }>;
}

/** Where the cascade reads what it shares (the registry in production; a stand-in in tests). */
export interface SharedCameraSource {
  sharedCameras(link: CascadeUpwardConfig): Promise<SharedCatalog>;
}

export class RegistrySharedCameras implements SharedCameraSource {
  constructor(private readonly db: Db) {}

  async sharedCameras(link: CascadeUpwardConfig): Promise<SharedCatalog> {
    const ids = [...link.share.cameraIds];
    if (link.share.cameraGroupId) {
      const group = await cameraGroupsRepository.get(this.db, link.share.cameraGroupId);
      if (group?.active) ids.push(...group.cameraIds);
    }
    const cameras: SharedCamera[] = [];
    const skipped: SharedCatalog['skipped'] = [];
    const codes = new Set<string>();
    const sites = new Map<string, { address: string; unitId: string } | undefined>();
    for (const cameraId of [...new Set(ids)]) {
      const camera = await camerasRepository.get(this.db, cameraId);
      if (!camera) {
        skipped.push({ cameraId, problem: 'NOT_FOUND' });
        continue;
      }
      const channelId = channelCodeOf(camera.sourceUrl, link.share.channelCodes[cameraId]);
      if (!channelId) {
        skipped.push({ cameraId, problem: 'NO_CHANNEL_CODE' });
        continue;
      }
      if (codes.has(channelId)) {
        skipped.push({ cameraId, problem: 'DUPLICATE_CODE' });
        continue;
      }
      codes.add(channelId);
      if (!sites.has(camera.siteId)) sites.set(camera.siteId, await sitesRepository.get(this.db, camera.siteId));
      const site = sites.get(camera.siteId);
      cameras.push({ cameraId, channelId, name: camera.name, address: site?.address || null, status: camera.status === 'ACTIVE' ? 'ON' : 'OFF', unitId: site?.unitId ?? null });
    }
    return { cameras, skipped };
  }
}

/** The configured mapping wins over the source's own code (a device's code may be unknown upstairs). */
export function channelCodeOf(sourceUrl: string | null, mapped: string | undefined): string | null {
  if (mapped) return mapped;
  if (sourceUrl && isGbStreamUrl(sourceUrl)) {
    try {
      return parseGbStreamUrl(sourceUrl).channelId;
    } catch {
      return null;
    }
  }
  return null;
}
