/**
 * What a camera's placement covers of a site's prohibited zones: the zones it is mounted in
 * (REG-08-2) and the zones its coverage sees into (REG-08-3). Pure and free of the rule machinery, so
 * that the site plan in the web UI draws exactly what the policy pack decides.
 */
import type { CameraRecord, Point, ZoneRecord } from '../../registry/model.ts';
import { coverageSectors, pointInPolygon } from './geometry.ts';
import { zoneSight, type ZoneSight } from './sight.ts';

/** The item REG-08-3 cites for a view into a zone from outside it: a camera that could peep at others' privacy. */
export const FOV_INTO_ZONE_ARTICLE = '8.1(4)';

export type PlacedCamera = Pick<CameraRecord, 'position' | 'headingDeg' | 'hfovDeg' | 'rangeM' | 'ptz' | 'masks'>;
export type ZoneShapeOnPlan = Pick<ZoneRecord, 'polygon' | 'transparentEdges' | 'openings'>;

/** The zones whose polygon contains the position (boundary included). */
export function zonesContaining<Z extends Pick<ZoneRecord, 'polygon'>>(position: Point | null, zones: readonly Z[]): Z[] {
  return position ? zones.filter((z) => pointInPolygon(position, z.polygon)) : [];
}

/** The zones (not containing the camera) that its coverage sees into, masked or not. */
export function zonesSeenBy<Z extends ZoneShapeOnPlan>(camera: PlacedCamera, zones: readonly Z[]): { zone: Z; sight: ZoneSight }[] {
  const sectors = coverageSectors(camera);
  const position = camera.position;
  if (sectors.length === 0 || !position) return [];
  return zones
    .filter((zone) => !pointInPolygon(position, zone.polygon))
    .map((zone) => ({ zone, sight: zoneSight(sectors, zone, camera.masks) }))
    .filter((s) => s.sight.seen);
}
