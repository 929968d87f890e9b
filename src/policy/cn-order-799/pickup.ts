/**
 * REG-08-4 (art. 8.1(4) 窃听): a microphone hears in every direction. Which prohibited zones lie within a
 * device's audio pickup radius, whatever the lens heading: the distance from the device to the zone's
 * polygon (0 inside it), its doors and its transparent edges, which sit on that polygon.
 */
import type { CameraRecord, Point, ZoneRecord } from '../../registry/model.ts';
import { distanceToSegment, pointInPolygon, polygonEdges } from './geometry.ts';

/** The default pickup radius of a microphone, metres, when a device does not say otherwise. */
export const DEFAULT_AUDIO_PICKUP_RADIUS_M = 5;
export const MIN_AUDIO_PICKUP_RADIUS_M = 0.5;
export const MAX_AUDIO_PICKUP_RADIUS_M = 50;

/** Metres from a point to a zone: 0 inside or on it, else to the nearest edge or opening. */
export function distanceToZone(p: Point, zone: Pick<ZoneRecord, 'polygon' | 'openings'>): number {
  if (pointInPolygon(p, zone.polygon)) return 0;
  const segments = [...polygonEdges(zone.polygon), ...zone.openings];
  return Math.min(...segments.map((s) => distanceToSegment(p, s)));
}

export interface ZoneInEarshot {
  zoneId: string;
  /** Rounded to centimetres. */
  distanceM: number;
}

/** The zones within the device's pickup radius (the boundary counts as within). Unknown position: none. */
export function zonesInEarshot(camera: Pick<CameraRecord, 'position' | 'audioPickupRadiusM'>, zones: readonly ZoneRecord[]): ZoneInEarshot[] {
  if (!camera.position) return [];
  const radius = camera.audioPickupRadiusM ?? DEFAULT_AUDIO_PICKUP_RADIUS_M;
  const out: ZoneInEarshot[] = [];
  for (const zone of zones) {
    const d = distanceToZone(camera.position, zone);
    if (d <= radius + 1e-9) out.push({ zoneId: zone.id, distanceM: Math.round(d * 100) / 100 });
  }
  return out;
}
