import { z } from 'zod';
import { id } from '../../registry/model.ts';

/** A named set of cameras: the scope of a grant, or the cameras a monitor watches on a shift. */
export const cameraGroupRecord = z.object({
  id,
  unitId: id,
  name: z.string().min(1).max(100),
  cameraIds: z.array(id),
  active: z.boolean(),
});
export type CameraGroupRecord = z.infer<typeof cameraGroupRecord>;

export const cameraGroupCreateInput = z.strictObject({
  unitId: id,
  name: z.string().trim().min(1).max(100),
  cameraIds: z.array(id).max(10000).default([]),
});
export const cameraGroupUpdateInput = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  cameraIds: z.array(id).max(10000).optional(),
});
