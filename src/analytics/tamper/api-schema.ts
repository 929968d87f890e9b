/** The tamper routes' shapes (OpenAPI). */
import { z } from 'zod';
import { TAMPER_KINDS, tamperSensitivity } from './tamper-model.ts';

export const tamperSettingsInput = z.object({ enabled: z.boolean(), sensitivity: tamperSensitivity });

export const relearnInput = z.object({ reason: z.string().max(2000) });

export const tamperView = z.object({
  cameraId: z.string(),
  enabled: z.boolean(),
  sensitivity: tamperSensitivity,
  learnedAt: z.string().nullable(),
  kinds: z.array(z.object({ kind: z.enum(TAMPER_KINDS), active: z.boolean(), since: z.string().nullable(), alarmId: z.string().nullable() })),
});

export const tamperRelearnRecord = z.object({ id: z.string(), userId: z.string(), userName: z.string(), reason: z.string(), at: z.string() });
