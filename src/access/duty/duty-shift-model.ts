import { z } from 'zod';
import { id, instant } from '../../registry/model.ts';

/** A monitor's shift over a camera group (REG-16-8): live viewing of those cameras is logged as a duty session without a prompt. */
export const dutyShiftRecord = z.object({
  id,
  code: z.string().min(1).max(64),
  userId: id,
  cameraGroupId: id,
  startsAt: z.string(),
  endsAt: z.string(),
});
export type DutyShiftRecord = z.infer<typeof dutyShiftRecord>;

export const dutyShiftCreateInput = z
  .strictObject({
    code: z.string().trim().min(1).max(64),
    userId: id,
    cameraGroupId: id,
    startsAt: instant,
    endsAt: instant,
  })
  .refine((s) => new Date(s.endsAt) > new Date(s.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] });
