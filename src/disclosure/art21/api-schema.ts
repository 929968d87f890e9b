/** The API shapes of the art. 21 path (the inputs live in model.ts). */
import { z } from 'zod';
import { RECEIVED_VIA, STATUSES } from './model.ts';

export const scopeRecord = z.object({ cameraId: z.string(), from: z.string(), to: z.string() });

export const acknowledgementRecord = z.object({ id: z.string(), requestId: z.string(), signedName: z.string(), textSha256: z.string(), acknowledgedAt: z.string(), witnessedBy: z.string() });

export const art21RequestRecord = z.object({
  id: z.string(),
  unitId: z.string(),
  status: z.enum(STATUSES),
  requester: z.object({ name: z.string(), idType: z.string(), idNumber: z.string(), employer: z.string().nullable(), contact: z.string().nullable() }),
  relationship: z.string(),
  relationshipSubtype: z.string().nullable(),
  purpose: z.string(),
  purposeDescription: z.string(),
  relatedPerson: z.string(),
  incidentAt: z.string(),
  incidentPlace: z.string(),
  receivedBy: z.string(),
  receivedVia: z.enum(RECEIVED_VIA),
  publicReference: z.string().nullable(),
  siteId: z.string().nullable(),
  receivedAt: z.string(),
  dueAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  scope: z.array(scopeRecord),
  scopeJustification: z.string().nullable(),
  notification: z.object({ zh: z.string(), en: z.string() }).nullable(),
  documents: z.array(z.object({ id: z.string(), kind: z.string(), fileName: z.string(), mediaType: z.string(), bytes: z.number(), sha256: z.string(), uploadedAt: z.string() })),
  acknowledgement: acknowledgementRecord.nullable(),
});

export const art21Query = z.strictObject({ status: z.enum(STATUSES).optional() });

const reminder = z.object({ id: z.string(), requesterName: z.string(), purpose: z.string(), receivedAt: z.string(), dueAt: z.string(), daysLeft: z.number() });
export const remindersRecord = z.object({ overdue: z.array(reminder), dueSoon: z.array(reminder), answerDays: z.number(), dueSoonDays: z.number() });

export const policyRecord = z.object({ maxWindowHours: z.number(), answerDays: z.number(), dueSoonDays: z.number(), sessionMinutes: z.number() });
export const ackTextRecord = z.object({ zh: z.string(), en: z.string(), sha256: z.string() });


export const sessionRecord = z.object({
  id: z.string(),
  requestId: z.string(),
  acknowledgementId: z.string(),
  supervisorId: z.string(),
  registerEntryId: z.string(),
  ranges: z.array(scopeRecord),
  startedAt: z.string(),
  expiresAt: z.string(),
  endedAt: z.string().nullable(),
  expired: z.boolean(),
});

export const sessionView = sessionRecord.extend({ requesterName: z.string() });

export const openedSessionRecord = z.object({
  session: sessionRecord,
  requesterName: z.string(),
  tokens: z.array(scopeRecord.extend({ token: z.string(), playlistUrl: z.string() })),
});
