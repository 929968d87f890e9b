/** Where a camera added by ONVIF keeps its device address and chosen profiles (table onvif_cameras). */
import type { Db } from '../../db/connect.ts';
import { onvifDb, type OnvifCamerasTable } from '../../db/onvif-tables.ts';

export interface OnvifCameraLink {
  cameraId: string;
  deviceUrl: string;
  endpoint: string | null;
  mainProfile: string;
  subProfile: string | null;
  /** Without credentials (they are the stream address's). */
  substreamUrl: string | null;
  ptzProfile: string | null;
  events: boolean;
  mac: string | null;
  addedAt: string;
}

const fromRow = (row: OnvifCamerasTable): OnvifCameraLink => ({ ...row, events: row.events === 1 });

export const onvifCameraRepository = {
  async get(db: Db, cameraId: string): Promise<OnvifCameraLink | undefined> {
    const row = await onvifDb(db).selectFrom('onvifCameras').selectAll().where('cameraId', '=', cameraId).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  },
  async list(db: Db): Promise<OnvifCameraLink[]> {
    return (await onvifDb(db).selectFrom('onvifCameras').selectAll().orderBy('cameraId').execute()).map(fromRow);
  },
  async insert(db: Db, link: OnvifCameraLink): Promise<void> {
    await onvifDb(db)
      .insertInto('onvifCameras')
      .values({ ...link, events: link.events ? 1 : 0 })
      .execute();
  },
};
