import { InvalidError } from '../../shared/errors.ts';
import type { Db } from '../../db/connect.ts';
import type { DeviceKind } from '../enums.ts';
import { camerasRepository } from '../repositories/index.ts';
import { assetsRepository } from '../repositories/devices.ts';

export interface DeviceRef {
  kind: DeviceKind;
  id: string;
  siteId: string;
  active: boolean;
}

/** A camera or an asset, which must exist and be in service. */
export async function requireDevice(tx: Db, kind: DeviceKind, id: string): Promise<DeviceRef> {
  const record = kind === 'camera' ? await camerasRepository.get(tx, id) : await assetsRepository.get(tx, id);
  const active = record ? ('status' in record ? record.status !== 'DEACTIVATED' : record.active) : false;
  if (!record || !active) {
    throw new InvalidError('E_DEVICE_UNKNOWN', {
      message: {
        zh: `${kind === 'camera' ? '摄像机' : '设备'} ${id} 不存在或已停用`,
        en: `${kind === 'camera' ? 'Camera' : 'Asset'} ${id} does not exist or is deactivated`,
      },
      details: { field: 'deviceId', deviceKind: kind, deviceId: id },
    });
  }
  return { kind, id, siteId: record.siteId, active };
}
