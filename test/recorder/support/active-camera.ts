/** A unit, a site, a signed camera recording from `sourceUrl`, activated: what a recorder test starts from. */
import type { createServices } from '../../../src/app/services.ts';
import { cameraBody, siteBody, unitBody } from '../../support/fixtures.ts';

export const TEST_ACTOR = { name: 'test' };

export async function activeCamera(services: ReturnType<typeof createServices>, sourceUrl: string, name = 'C1'): Promise<{ id: string; unitId: string; siteId: string }> {
  const unit = await services.units.create(unitBody(), TEST_ACTOR);
  const site = await services.sites.create(siteBody(unit.id), TEST_ACTOR);
  const camera = await services.cameras.create(cameraBody(site.id, unit.id, { name, sourceUrl }), TEST_ACTOR);
  await services.signs.create({ siteId: site.id, location: 'S1', photoRef: 'p.jpg', cameraIds: [camera.id] }, TEST_ACTOR);
  await services.cameras.activate(camera.id, {}, TEST_ACTOR);
  return { id: camera.id, unitId: unit.id, siteId: site.id };
}
