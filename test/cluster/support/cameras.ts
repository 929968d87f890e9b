/** Test-only: active cameras for the recorders to share, through the registry's own services. */
import { createServices } from '../../../src/app/services.ts';
import type { Db } from '../../../src/db/connect.ts';
import { systemClock } from '../../../src/shared/clock.ts';
import { cameraBody, siteBody, unitBody } from '../../support/fixtures.ts';

export async function activeCameras(db: Db, count: number, sourceUrl: (n: number) => string = (n) => `rtsp://10.0.0.${n}/stream1`): Promise<string[]> {
  const services = createServices(db, systemClock, '/nonexistent-custos-test');
  const actor = { name: 'test' };
  const unit = await services.units.create(unitBody(), actor);
  const site = await services.sites.create(siteBody(unit.id), actor);
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const camera = await services.cameras.create(cameraBody(site.id, unit.id, { name: `C${n}`, sourceUrl: sourceUrl(n) }), actor);
    await services.signs.create({ siteId: site.id, location: `S${n}`, photoRef: 'p.jpg', cameraIds: [camera.id] }, actor);
    await services.cameras.activate(camera.id, {}, actor);
    ids.push(camera.id);
  }
  return ids.sort();
}

export const until = async (check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
