import { PLACE_CATEGORY_META, type PlaceCategoryMeta } from './place-categories.ts';
import { ZONE_TYPE_META, type ZoneTypeMeta } from './zone-types.ts';

/** GET /api/meta/place-categories (REG-07-1). */
export function placeCategories(): PlaceCategoryMeta[] {
  return PLACE_CATEGORY_META.map((m) => ({ ...m, label: { ...m.label }, subtypes: [...m.subtypes], localNotes: m.localNotes.map((n) => ({ ...n })) }));
}

/** GET /api/meta/zone-types (REG-08-1). */
export function zoneTypes(): ZoneTypeMeta[] {
  return ZONE_TYPE_META.map((m) => ({ ...m, name: { ...m.name }, label: { ...m.label } }));
}

export type { PlaceCategoryMeta, ZoneTypeMeta };
