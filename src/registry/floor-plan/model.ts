/** A site's floor plan: the image and where it lies on the site plan (metres; y up, as the plan). */
import { z } from 'zod';
import { id, instant } from '../model.ts';

export const FLOOR_PLAN_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type FloorPlanMediaType = (typeof FLOOR_PLAN_MEDIA_TYPES)[number];

/** 20 MiB: a scanned A0 drawing as PNG fits. */
export const FLOOR_PLAN_MAX_BYTES = 20 * 1024 * 1024;

/** Scale and placement: one image pixel is `metresPerPixel` metres; the image's top-left corner lies at (originX, originY). */
export const floorPlanPlacement = z.strictObject({
  metresPerPixel: z.number().positive().max(1000),
  originX: z.number().finite(),
  originY: z.number().finite(),
});

export const floorPlanRecord = floorPlanPlacement.extend({
  siteId: id,
  mediaType: z.enum(FLOOR_PLAN_MEDIA_TYPES),
  sizeBytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  updatedBy: z.string(),
  updatedAt: instant,
});
export type FloorPlanRecord = z.infer<typeof floorPlanRecord>;

/** The upload's query: the scale is required, the origin defaults to (0, 0). */
export const floorPlanUploadInput = z.strictObject({
  metresPerPixel: z.coerce.number().positive().max(1000),
  originX: z.coerce.number().finite().default(0),
  originY: z.coerce.number().finite().default(0),
});
export const floorPlanPlacementInput = floorPlanPlacement.partial();
