import type { Db } from '../db/connect.ts';
import { camerasRepository } from '../registry/repositories/index.ts';
import { assetsRepository } from '../registry/repositories/devices.ts';
import type { MatchDevice } from './matching.ts';

/** Devices in service that advisories are matched against: cameras not deactivated, active assets. */
export async function devicesInService(db: Db): Promise<MatchDevice[]> {
  const [cameras, assets] = await Promise.all([camerasRepository.list(db), assetsRepository.list(db, { active: true })]);
  const pick = ({ id, siteId, name, manufacturer, model, firmwareVersion }: Omit<MatchDevice, 'kind'>) => ({ id, siteId, name, manufacturer, model, firmwareVersion });
  return [
    ...cameras.filter((c) => c.status !== 'DEACTIVATED').map((c): MatchDevice => ({ kind: 'camera', ...pick(c) })),
    ...assets.map((a): MatchDevice => ({ kind: 'asset', ...pick(a) })),
  ];
}
