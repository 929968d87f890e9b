import { z } from 'zod';
import { id } from '../../registry/model.ts';
import { action } from '../actions.ts';

/** A role: the actions it allows, whether it is an important position (REG-16-2), TOTP, playback depth (REG-16-4). */
export const roleRecord = z.object({
  id,
  key: z.string().nullable(),
  unitId: id.nullable(),
  name: z.string().min(1).max(100),
  nameEn: z.string().min(1).max(100),
  actions: z.array(action),
  importantPosition: z.boolean(),
  requireTotp: z.boolean(),
  playbackDepthHours: z.number().int().positive().nullable(),
  builtIn: z.boolean(),
  copiedFrom: id.nullable(),
  active: z.boolean(),
});
export type RoleRecord = z.infer<typeof roleRecord>;

const roleFields = {
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  actions: z.array(action).max(9),
  importantPosition: z.boolean(),
  requireTotp: z.boolean(),
  playbackDepthHours: z.number().int().positive().max(24 * 365 * 10).nullable(),
};

/** A unit's own role starts as a copy of another (built-in or its own) and may then differ. */
export const roleCopyInput = z.strictObject({
  unitId: id,
  name: roleFields.name,
  nameEn: roleFields.nameEn.optional(),
});

export const roleUpdateInput = z.strictObject({
  name: roleFields.name.optional(),
  nameEn: roleFields.nameEn.optional(),
  actions: roleFields.actions.optional(),
  importantPosition: roleFields.importantPosition.optional(),
  requireTotp: roleFields.requireTotp.optional(),
  playbackDepthHours: roleFields.playbackDepthHours.optional(),
});
