/** REG-02-1: scope follows from the site's place category. */
import { PLACE_CATEGORIES, type PlaceCategory } from '../../../registry/enums.ts';
import type { SiteRecord } from '../../../registry/model.ts';
import { categoryClass } from '../place-categories.ts';

export type CameraScope = 'PSVS' | 'NON_PUBLIC';

/** 'PSVS' (a public security video system under Order 799) for A7 and A9 sites; 'NON_PUBLIC' for A33. */
export function cameraScope(site: Pick<SiteRecord, 'placeCategory'>): CameraScope {
  return categoryClass(site.placeCategory) === 'A33' ? 'NON_PUBLIC' : 'PSVS';
}

export function validatePlaceCategory(value: unknown): 'E_CATEGORY_REQUIRED' | 'E_CATEGORY_UNKNOWN' | null {
  if (value === null || value === undefined || value === '') return 'E_CATEGORY_REQUIRED';
  return typeof value === 'string' && (PLACE_CATEGORIES as readonly string[]).includes(value) ? null : 'E_CATEGORY_UNKNOWN';
}

export function isPlaceCategory(value: string): value is PlaceCategory {
  return (PLACE_CATEGORIES as readonly string[]).includes(value);
}
