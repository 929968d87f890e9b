/** The alarm API's shapes (OpenAPI and the web UI's generated types come from these). */
import { z } from 'zod';
import { alarmCategory, alarmKind, alarmSeverity } from './alarm-kinds.ts';

const instant = z.string().describe('ISO 8601, UTC');

export const alarmRecord = z
  .object({
    id: z.string(),
    kind: alarmKind,
    category: alarmCategory,
    severity: alarmSeverity,
    article: z.string().describe('the article of Order 799 the alarm serves, e.g. 23(2)'),
    cameraId: z.string().nullable(),
    subject: z.string().describe('what makes it one alarm: the camera id, a user name, or system'),
    startedAt: instant,
    endedAt: instant.nullable().describe('null while the condition holds'),
    details: z.record(z.string(), z.unknown()),
    snapshots: z.array(z.object({ which: z.enum(['before', 'after']), at: instant, sha256: z.string(), bytes: z.number().int() })),
    acknowledgement: z.object({ userId: z.string(), name: z.string(), unitName: z.string(), at: instant, comment: z.string() }).nullable(),
  });

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const alarmQuery = z.strictObject({
  cameraId: z.string().optional(),
  kind: alarmKind.optional(),
  category: alarmCategory.optional(),
  open: booleanQuery.optional().describe('only alarms still open'),
  unacknowledged: booleanQuery.optional().describe('only alarms no one acknowledged'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const acknowledgeInput = z.strictObject({ comment: z.string().max(2000).describe('what was done about it (at least 4 characters)') });

export const snapshotParams = z.strictObject({ id: z.string(), which: z.enum(['before', 'after']) });
