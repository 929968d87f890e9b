/** Plane geometry on the site plan (metres; angles in degrees counter-clockwise from +x). */
import type { CameraRecord, Point, Polygon, Segment } from '../../registry/model.ts';

const EPS = 1e-9;

/** A circular sector: what one camera direction (or a PTZ sweep) can see, walls aside. */
export interface Sector {
  origin: Point;
  /** Start of the arc; the arc runs counter-clockwise for `sweepDeg` (0 < sweep ≤ 360). */
  startDeg: number;
  sweepDeg: number;
  rangeM: number;
}

export function normalizeDeg(deg: number): number {
  return ((deg % 360) + 360) % 360;
}

export function angleInSector(deg: number, sector: Sector): boolean {
  return sector.sweepDeg >= 360 || normalizeDeg(deg - sector.startDeg) <= sector.sweepDeg + 1e-9;
}

export function directionDeg(from: Point, to: Point): number {
  return normalizeDeg((Math.atan2(to.y - from.y, to.x - from.x) * 180) / Math.PI);
}

export function pointAt(origin: Point, deg: number, t: number): Point {
  const r = (deg * Math.PI) / 180;
  return { x: origin.x + t * Math.cos(r), y: origin.y + t * Math.sin(r) };
}

export function polygonEdges(poly: Polygon): Segment[] {
  return poly.map((from, i) => ({ from, to: poly[(i + 1) % poly.length]! }));
}

export function distanceToSegment(p: Point, seg: Segment): number {
  const dx = seg.to.x - seg.from.x;
  const dy = seg.to.y - seg.from.y;
  const len2 = dx * dx + dy * dy;
  const s = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - seg.from.x) * dx + (p.y - seg.from.y) * dy) / len2));
  return Math.hypot(p.x - (seg.from.x + s * dx), p.y - (seg.from.y + s * dy));
}

export function onPolygonBoundary(p: Point, poly: Polygon, tol = 1e-9): boolean {
  return polygonEdges(poly).some((e) => distanceToSegment(p, e) <= tol);
}

/** Even-odd test; points on the boundary count as inside unless `strict`. */
export function pointInPolygon(p: Point, poly: Polygon, strict = false): boolean {
  if (onPolygonBoundary(p, poly)) return !strict;
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Distance along the ray at which it crosses the segment, or null. Collinear overlaps are ignored. */
export function raySegmentDistance(origin: Point, deg: number, seg: Segment): number | null {
  const r = (deg * Math.PI) / 180;
  const dx = Math.cos(r);
  const dy = Math.sin(r);
  const ex = seg.to.x - seg.from.x;
  const ey = seg.to.y - seg.from.y;
  const denom = dx * ey - dy * ex;
  if (Math.abs(denom) < EPS) return null;
  const ax = seg.from.x - origin.x;
  const ay = seg.from.y - origin.y;
  const t = (ax * ey - ay * ex) / denom;
  const s = (ax * dy - ay * dx) / denom;
  if (t < -EPS || s < -EPS || s > 1 + EPS) return null;
  return Math.max(0, t);
}

/** Distances at which the ray crosses the polygon's edges, sorted, with the edge index. */
export function rayPolygonCrossings(origin: Point, deg: number, poly: Polygon): { t: number; edge: number }[] {
  const hits: { t: number; edge: number }[] = [];
  polygonEdges(poly).forEach((e, edge) => {
    const t = raySegmentDistance(origin, deg, e);
    if (t !== null) hits.push({ t, edge });
  });
  return hits.sort((a, b) => a.t - b.t || a.edge - b.edge);
}

/** Whether some stretch of the ray in (0, tMax] lies strictly inside the polygon. */
export function rayEntersPolygon(origin: Point, deg: number, tMax: number, poly: Polygon): boolean {
  const ts = [0, ...rayPolygonCrossings(origin, deg, poly).map((h) => h.t).filter((t) => t > 0 && t < tMax), tMax];
  for (let i = 0; i + 1 < ts.length; i++) {
    const a = ts[i]!;
    const b = ts[i + 1]!;
    if (b - a > EPS && pointInPolygon(pointAt(origin, deg, (a + b) / 2), poly, true)) return true;
  }
  return false;
}

/**
 * The camera's coverage as sectors: the current view, and for a PTZ camera the sweep over
 * [panMinDeg, panMaxDeg] at maxRangeM plus every preset. Empty when the placement is unknown.
 */
export function coverageSectors(camera: Pick<CameraRecord, 'position' | 'headingDeg' | 'hfovDeg' | 'rangeM' | 'ptz'>): Sector[] {
  const origin = camera.position;
  if (!origin) return [];
  const sectors: Sector[] = [];
  const hfov = Math.min(camera.hfovDeg ?? 0, 360);
  const view = (heading: number, rangeM: number): Sector => ({ origin, startDeg: normalizeDeg(heading - hfov / 2), sweepDeg: Math.max(hfov, EPS), rangeM });
  if (camera.headingDeg !== null && camera.hfovDeg !== null && camera.rangeM !== null) sectors.push(view(camera.headingDeg, camera.rangeM));
  const ptz = camera.ptz;
  if (ptz) {
    const span = ptz.panMaxDeg - ptz.panMinDeg >= 360 ? 360 : normalizeDeg(ptz.panMaxDeg - ptz.panMinDeg);
    sectors.push({ origin, startDeg: normalizeDeg(ptz.panMinDeg - hfov / 2), sweepDeg: Math.min(360, Math.max(span + hfov, EPS)), rangeM: ptz.maxRangeM });
    for (const preset of ptz.presets) sectors.push(view(preset.headingDeg, ptz.maxRangeM));
  }
  return sectors;
}

/**
 * Directions to cast inside a sector: a fine regular grid plus the directions just either side of
 * each `targets` point, so that a door narrower than the grid step is never missed.
 */
export function sampleDirections(sector: Sector, targets: readonly Point[], stepDeg = 0.25): number[] {
  const dirs: number[] = [];
  const steps = Math.max(1, Math.ceil(sector.sweepDeg / stepDeg));
  for (let i = 0; i <= steps; i++) dirs.push(sector.startDeg + (sector.sweepDeg * i) / steps);
  for (const p of targets) {
    const d = directionDeg(sector.origin, p);
    for (const delta of [-1e-3, 0, 1e-3]) if (angleInSector(d + delta, sector)) dirs.push(d + delta);
  }
  return dirs;
}

/** A polygon approximating the sector, for drawing and area checks. */
export function sectorPolygon(sector: Sector, stepDeg = 5): Polygon {
  const steps = Math.max(2, Math.ceil(sector.sweepDeg / stepDeg));
  const arc: Point[] = [];
  for (let i = 0; i <= steps; i++) arc.push(pointAt(sector.origin, sector.startDeg + (sector.sweepDeg * i) / steps, sector.rangeM));
  return sector.sweepDeg >= 360 ? arc.slice(0, -1) : [sector.origin, ...arc];
}
