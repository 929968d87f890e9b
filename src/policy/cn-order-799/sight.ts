/** What a camera's coverage sees of a prohibited zone, given walls, openings and privacy masks (REG-08-3, REG-08-4). */
import type { Point, Polygon, ZoneRecord } from '../../registry/model.ts';
import {
  distanceToSegment,
  pointAt,
  pointInPolygon,
  polygonEdges,
  rayEntersPolygon,
  rayPolygonCrossings,
  sampleDirections,
  type Sector,
} from './geometry.ts';

export type SightVia = 'opening' | 'transparent_edge';

export interface ZoneSight {
  /** Some sight line reaches the zone's interior through an opening or a transparent edge. */
  seen: boolean;
  /** Some such sight line is not hidden by a privacy mask. */
  unmasked: boolean;
  /** How the first unmasked sight line gets in (or the first masked one when all are masked). */
  via: SightVia | null;
}

type ZoneShape = Pick<ZoneRecord, 'polygon' | 'transparentEdges' | 'openings'>;

const ON_EDGE_TOL = 1e-6;
const INNER_STEP = 1e-3;

function zoneTargets(zone: ZoneShape): Point[] {
  return [...zone.polygon, ...zone.openings.flatMap((o) => [o.from, o.to])];
}

function withinReach(sector: Sector, polygon: Polygon): boolean {
  return polygonEdges(polygon).some((e) => distanceToSegment(sector.origin, e) <= sector.rangeM);
}

/**
 * Follows one ray into the zone: the first boundary crossing that leads inside decides. A wall
 * stops the ray; an opening or a transparent edge lets it in.
 */
export function castIntoZone(origin: Point, deg: number, rangeM: number, zone: ZoneShape): { t: number; via: SightVia } | null {
  const crossings = rayPolygonCrossings(origin, deg, zone.polygon);
  for (let i = 0; i < crossings.length; i++) {
    const t = crossings[i]!.t;
    if (t >= rangeM) return null;
    const group = crossings.filter((c) => Math.abs(c.t - t) <= 1e-9);
    const next = crossings.find((c) => c.t > t + 1e-9)?.t ?? rangeM;
    const probe = pointAt(origin, deg, t + Math.min(INNER_STEP, (Math.min(next, rangeM) - t) / 2));
    if (!pointInPolygon(probe, zone.polygon, true)) continue;
    const q = pointAt(origin, deg, t);
    if (zone.openings.some((o) => distanceToSegment(q, o) <= ON_EDGE_TOL)) return { t, via: 'opening' };
    if (group.some((c) => zone.transparentEdges.includes(c.edge))) return { t, via: 'transparent_edge' };
    return null;
  }
  return null;
}

/** A privacy mask hides everything behind it along the sight line. */
function maskedUpTo(origin: Point, deg: number, t: number, masks: readonly Polygon[]): boolean {
  return masks.some((m) => rayEntersPolygon(origin, deg, t, m));
}

export function zoneSight(sectors: readonly Sector[], zone: ZoneShape, masks: readonly Polygon[]): ZoneSight {
  let seenVia: SightVia | null = null;
  const targets = zoneTargets(zone);
  for (const sector of sectors) {
    if (pointInPolygon(sector.origin, zone.polygon) || !withinReach(sector, zone.polygon)) continue;
    for (const deg of sampleDirections(sector, targets)) {
      const hit = castIntoZone(sector.origin, deg, sector.rangeM, zone);
      if (!hit) continue;
      const inner = hit.t + Math.min(INNER_STEP, (sector.rangeM - hit.t) / 2);
      if (!maskedUpTo(sector.origin, deg, inner, masks)) return { seen: true, unmasked: true, via: hit.via };
      seenVia ??= hit.via;
    }
  }
  return { seen: seenVia !== null, unmasked: false, via: seenVia };
}

/** Whether the coverage sector touches the zone at all, walls and masks notwithstanding (audio, REG-08-4). */
export function sectorsTouchZone(sectors: readonly Sector[], zone: Pick<ZoneRecord, 'polygon'>): boolean {
  return sectors.some(
    (sector) =>
      pointInPolygon(sector.origin, zone.polygon) ||
      (withinReach(sector, zone.polygon) &&
        sampleDirections(sector, zone.polygon).some((deg) => rayPolygonCrossings(sector.origin, deg, zone.polygon).some((c) => c.t <= sector.rangeM))),
  );
}
