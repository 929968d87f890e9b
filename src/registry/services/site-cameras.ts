import { InvalidError } from '../../shared/errors.ts';
import type { Db } from '../../db/connect.ts';
import type { CameraRecord } from '../model.ts';
import { camerasRepository } from '../repositories/index.ts';

/** The named cameras, each of which must belong to the site. */
export async function requireCamerasOfSite(tx: Db, siteId: string, cameraIds: string[]): Promise<CameraRecord[]> {
  if (cameraIds.length === 0) return [];
  const cameras = await camerasRepository.list(tx, { siteId });
  const byId = new Map(cameras.map((c) => [c.id, c]));
  const missing = cameraIds.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new InvalidError('E_CAMERA_UNKNOWN', {
      message: { zh: `摄像机不存在或不属于该系统:${missing.join(', ')}`, en: `Cameras not found in this system: ${missing.join(', ')}` },
      details: { field: 'cameraIds', missing },
    });
  }
  return cameraIds.map((id) => byId.get(id) as CameraRecord);
}
