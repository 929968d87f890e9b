/** Shapes of the GB/T 28181 PTZ and device-password routes (OpenAPI); the directory's are in directory/api-schema.ts. */
import { z } from 'zod';
import { reasonInput } from '../access/register/model.ts';

const direction = z.union([z.literal(-1), z.literal(0), z.literal(1)]);
export const gbPtzCommand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('move'), pan: direction, tilt: direction, zoom: direction, speed: z.number().int().min(0).max(255) }),
  z.object({ kind: z.literal('stop') }),
  z.object({ kind: z.enum(['preset-set', 'preset-goto', 'preset-delete']), preset: z.number().int().min(1).max(255) }),
]);

export const gbPtzInput = z.object({
  command: gbPtzCommand,
  reason: reasonInput.optional().describe('事由: needed when taking control of the camera (the access-register entry, art. 16); not for stop'),
});

export const gbPtzResult = z.object({ registerEntryId: z.string().nullable() });

export const gbPasswordInput = z.object({ password: z.string().min(8).max(128).nullable().describe('the device’s own Digest password; null: back to gb28181.password') });
