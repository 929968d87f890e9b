/**
 * Response schemas of the compliance overview and the penalty exposure, so that the OpenAPI document
 * describes them (and the web UI's client is typed from it). They describe the whole answer: a
 * response schema drops any field it does not list.
 */
import { z } from 'zod';
import { SEVERITIES } from '../policy/types.ts';

const localizedText = z.object({ zh: z.string(), en: z.string() });
const details = z.record(z.string(), z.unknown());

export const findingSubjectView = z.object({
  type: z.enum(['unit', 'site', 'camera', 'asset', 'sign', 'consent', 'filing']),
  id: z.string(),
  siteId: z.string().optional(),
});

export const findingView = z.object({
  ruleId: z.string(),
  code: z.string(),
  article: z.string(),
  severity: z.enum(SEVERITIES),
  message: localizedText,
  penaltyRef: z.string().optional(),
  subject: findingSubjectView,
  gates: z.array(z.enum(['REGISTER', 'ACTIVATE', 'SUBMIT_FILING'])).optional(),
  refusal: z.enum(['INVALID', 'PRECONDITION']).optional(),
  details: details.optional(),
});

const severityCounts = z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int()])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>);

export const retentionFindingView = z.object({
  ruleId: z.string(),
  code: z.string(),
  article: z.string(),
  severity: z.enum(['CRITICAL', 'NONCOMPLIANT', 'ADVISORY', 'INFO']),
  message: localizedText,
  subject: z.object({ type: z.enum(['hold', 'camera', 'storage']), id: z.string() }),
  details: details.optional(),
});

export const complianceReportView = z.object({
  at: z.string(),
  counts: severityCounts,
  sites: z.array(z.object({ siteId: z.string(), name: z.string(), placeCategory: z.string(), counts: severityCounts, findings: z.array(findingView) })),
  cameras: z.array(z.object({ cameraId: z.string(), siteId: z.string(), name: z.string(), status: z.string(), findings: z.array(findingView) })),
  assets: z.array(z.object({ assetId: z.string(), siteId: z.string(), name: z.string(), assetType: z.string(), active: z.boolean(), findings: z.array(findingView) })),
  unitFindings: z.array(findingView),
  filingDeadlines: z.array(
    z.object({
      siteId: z.string(),
      siteName: z.string(),
      status: z.string(),
      dueDate: z.string(),
      overdue: z.boolean(),
      preExisting: z.boolean(),
      calendarCovered: z.boolean(),
    }),
  ),
  retention: z.object({ findings: z.array(retentionFindingView) }),
});

const amountRange = z.object({ min: z.number().optional(), max: z.number() });
const exposureTotals = {
  immediateMax: z.number(),
  conditionalMax: z.number(),
  orderToCorrectOnly: z.number().int(),
  findings: z.number().int(),
};

export const exposureRowView = z.object({
  ruleId: z.string(),
  code: z.string(),
  article: z.string(),
  severity: z.enum(SEVERITIES),
  subject: findingSubjectView,
  siteId: z.string().nullable(),
  unitId: z.string().nullable(),
  penaltyRef: z.string(),
  measures: z.array(localizedText),
  trigger: z.enum(['IMMEDIATE', 'ON_REFUSAL', 'ON_REFUSAL_OR_SERIOUS']).nullable(),
  individual: amountRange.nullable(),
  unit: amountRange.nullable(),
  perPerson: amountRange.nullable(),
  persons: z.number().int(),
  personsTotal: amountRange.nullable(),
  maxExposure: z.number(),
  countedInTotals: z.boolean(),
  flags: z.object({
    confiscation: z.boolean(),
    deleteFootage: z.boolean(),
    warning: z.boolean(),
    publicSecurityAdminPenaltyPossible: z.boolean(),
    criminalPossible: z.boolean(),
    stateSecretLawsPossible: z.boolean(),
    licenceActionPossible: z.boolean(),
    orderToCorrectOnly: z.boolean(),
    externalLaw: z.boolean(),
    disciplinary: z.boolean(),
  }),
  /** REG-24-3: an overdue corrective order makes this conditional fine imposable (拒不改正). */
  triggerable: z.boolean(),
  triggeredBy: z.array(z.object({ orderId: z.string(), reference: z.string(), dueDate: z.string() })),
});

export const exposureReportView = z.object({
  at: z.string(),
  date: z.string(),
  table: z.object({ version: z.string(), effectiveFrom: z.string() }),
  rows: z.array(exposureRowView),
  bySite: z.array(z.object({ siteId: z.string(), unitId: z.string().nullable(), ...exposureTotals })),
  byUnit: z.array(z.object({ unitId: z.string(), ...exposureTotals })),
  totals: z.object(exposureTotals),
  unmapped: z.array(z.object({ ruleId: z.string(), code: z.string(), subject: findingSubjectView })),
  notice: localizedText,
});
