/**
 * The site plan's geometry. Coverage and what it sees of prohibited zones come from the policy pack
 * itself (src/policy/cn-order-799/coverage.ts, geometry.ts), so a cone drawn red here is the cone the
 * server refuses. Plan coordinates are metres with y up; the SVG has y down, hence `svgY`.
 */
import { FOV_INTO_ZONE_ARTICLE, zonesContaining, zonesSeenBy, type PlacedCamera } from '../../../src/policy/cn-order-799/coverage.ts';
import { coverageSectors, directionDeg, normalizeDeg, pointAt, sectorPolygon } from '../../../src/policy/cn-order-799/geometry.ts';
import { zoneTypeMeta } from '../../../src/policy/cn-order-799/zone-types.ts';
import type { Point, ZoneRecord } from '../../../src/registry/model.ts';

export type { Point };
export type PlanZone = Pick<ZoneRecord, 'id' | 'name' | 'zoneType' | 'polygon' | 'transparentEdges' | 'openings'>;

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The art. 8 problem a camera's placement has on this plan: mounted inside a zone, or seeing into one. */
export interface ZoneConflict {
  zoneId: string;
  zoneName: string;
  kind: 'inside' | 'sees';
  /** The article item the policy cites: the zone's own item for a camera inside it (e.g. '8.1(3)'), 8.1(4) for a view into it. */
  article: string;
  /** Every sight line into the zone is behind a privacy mask: shown, not refused. */
  masked: boolean;
}

export function conflictsOf(camera: PlacedCamera, zones: readonly PlanZone[]): ZoneConflict[] {
  const inside = zonesContaining(camera.position, zones).map((z) => ({ zoneId: z.id, zoneName: z.name, kind: 'inside' as const, article: zoneTypeMeta(z.zoneType).article, masked: false }));
  const seen = zonesSeenBy(camera, zones).map(({ zone, sight }) => ({ zoneId: zone.id, zoneName: zone.name, kind: 'sees' as const, article: FOV_INTO_ZONE_ARTICLE, masked: !sight.unmasked }));
  return [...inside, ...seen];
}

/** Whether the conflicts refuse the placement (a masked view does not). */
export const refused = (conflicts: readonly ZoneConflict[]): boolean => conflicts.some((c) => !c.masked);

/** The camera's coverage as polygons: the current view, and for a PTZ camera the swept area and presets. */
export function coneShapes(camera: PlacedCamera): Point[][] {
  return coverageSectors(camera).map((s) => sectorPolygon(s, 3));
}

/** Where the heading/range handle sits: straight ahead, at the range. */
export function headingHandle(camera: PlacedCamera): Point | null {
  if (!camera.position || camera.headingDeg === null) return null;
  return pointAt(camera.position, camera.headingDeg, camera.rangeM ?? 5);
}

/** Heading (degrees counter-clockwise from +x, rounded to 0.5°) and range (0.1 m) from dragging the handle to `to`. */
export function aimAt(from: Point, to: Point): { headingDeg: number; rangeM: number } {
  const headingDeg = Math.round(normalizeDeg(directionDeg(from, to)) * 2) / 2;
  const rangeM = Math.max(0.5, Math.round(Math.hypot(to.x - from.x, to.y - from.y) * 10) / 10);
  return { headingDeg, rangeM };
}

/** A point rounded to centimetres. */
export const snap = (p: Point): Point => ({ x: Math.round(p.x * 100) / 100, y: Math.round(p.y * 100) / 100 });

/** A point picked on the plan, rounded to 10 cm: what a click can mean on a drawing. */
export const snapPick = (p: Point): Point => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 });

export function boundsOf(points: readonly Point[], fallback: Bounds, margin = 2): Bounds {
  if (points.length === 0) return fallback;
  const b = {
    minX: Math.min(fallback.minX, ...points.map((p) => p.x)),
    minY: Math.min(fallback.minY, ...points.map((p) => p.y)),
    maxX: Math.max(fallback.maxX, ...points.map((p) => p.x)),
    maxY: Math.max(fallback.maxY, ...points.map((p) => p.y)),
  };
  return { minX: b.minX - margin, minY: b.minY - margin, maxX: b.maxX + margin, maxY: b.maxY + margin };
}

export const svgY = (y: number): number => -y;
export const svgPoints = (poly: readonly Point[]): string => poly.map((p) => `${p.x},${svgY(p.y)}`).join(' ');

/** Scale from two points picked on the image and the real distance between them. */
export function scaleFromTwoPoints(a: Point, b: Point, metresPerPixel: number, realDistanceM: number): number {
  const measuredM = Math.hypot(b.x - a.x, b.y - a.y);
  if (measuredM === 0 || !(realDistanceM > 0)) throw new Error('two distinct points and a positive distance are needed');
  return (metresPerPixel * realDistanceM) / measuredM;
}

/** A door of `widthM` centred on edge `i` of the polygon (shorter edges get a door of half their length). */
export function doorOnEdge(polygon: readonly Point[], i: number, widthM = 0.9): { from: Point; to: Point } {
  const a = polygon[i]!;
  const b = polygon[(i + 1) % polygon.length]!;
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const half = Math.min(widthM, len / 2) / 2 / len;
  const at = (s: number) => snap({ x: a.x + (b.x - a.x) * s, y: a.y + (b.y - a.y) * s });
  return { from: at(0.5 - half), to: at(0.5 + half) };
}
