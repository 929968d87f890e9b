/** REG-02-2: a system's whole inventory, cameras and related facilities together, each with its type. */
import { NotFoundError } from '../../shared/errors.ts';
import type { Db } from '../../db/connect.ts';
import type { AssetType, DeviceKind } from '../enums.ts';
import { DEVICE_PRODUCT_KEYS } from '../device-product.ts';
import { camerasRepository, sitesRepository } from '../repositories/index.ts';
import { assetsRepository } from '../repositories/devices.ts';

export interface InventoryItem {
  kind: DeviceKind;
  id: string;
  siteId: string;
  type: 'CAMERA' | AssetType;
  name: string;
  locationNote: string | null;
  holdsFootage: boolean;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  firmwareVersion: string | null;
  hardwareVersion: string | null;
  active: boolean;
}

function product(record: Record<(typeof DEVICE_PRODUCT_KEYS)[number], string | null>) {
  return Object.fromEntries(DEVICE_PRODUCT_KEYS.map((k) => [k, record[k]])) as Pick<InventoryItem, (typeof DEVICE_PRODUCT_KEYS)[number]>;
}

export async function siteInventory(db: Db, siteId: string, options: { includeInactive?: boolean } = {}): Promise<InventoryItem[]> {
  if (!(await sitesRepository.get(db, siteId))) {
    throw new NotFoundError('E_NOT_FOUND', {
      message: { zh: `未找到系统:${siteId}`, en: `No system with id ${siteId}` },
      details: { entityType: 'site', id: siteId },
    });
  }
  const cameras = (await camerasRepository.list(db, { siteId })).map(
    (c): InventoryItem => ({
      kind: 'camera',
      id: c.id,
      siteId: c.siteId,
      type: 'CAMERA',
      name: c.name,
      locationNote: null,
      // Cameras hand their stream to recorders; they hold no footage of their own here.
      holdsFootage: false,
      ...product(c),
      active: c.status !== 'DEACTIVATED',
    }),
  );
  const assets = (await assetsRepository.list(db, { siteId })).map(
    (a): InventoryItem => ({
      kind: 'asset',
      id: a.id,
      siteId: a.siteId,
      type: a.assetType,
      name: a.name,
      locationNote: a.locationNote,
      holdsFootage: a.holdsFootage,
      ...product(a),
      active: a.active,
    }),
  );
  const all = [...cameras, ...assets];
  return options.includeInactive ? all : all.filter((item) => item.active);
}
