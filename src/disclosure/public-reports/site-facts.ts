/** What a forwarding names of the report's site and unit. */
import type { Db } from '../../db/connect.ts';
import { sitesRepository, unitsRepository } from '../../registry/repositories/index.ts';
import { reportNotFound } from './errors.ts';

export interface SiteFacts {
  id: string;
  name: string;
  address: string;
  adminDivisionCode: string;
  unitId: string;
  unitName: string;
}

export async function siteFacts(db: Db, siteId: string): Promise<SiteFacts> {
  const site = await sitesRepository.get(db, siteId);
  if (!site) throw reportNotFound(siteId);
  const unit = await unitsRepository.get(db, site.unitId);
  return { id: site.id, name: site.name, address: site.address, adminDivisionCode: site.adminDivisionCode, unitId: site.unitId, unitName: unit?.name ?? site.unitId };
}
