/**
 * REG-12-2: vulnerability advisories about the devices in the inventory, and the remediation tasks
 * they open, one per affected device.
 */
import { z } from 'zod';
import { DEVICE_KINDS } from '../registry/enums.ts';
import { id, instant, legalDate } from '../registry/model.ts';

export const ADVISORY_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type AdvisorySeverity = (typeof ADVISORY_SEVERITIES)[number];

export const ADVISORY_SOURCES = ['CSV', 'CSAF'] as const;
export const REMEDIATION_STATUSES = ['OPEN', 'MITIGATED', 'CLOSED'] as const;
export type RemediationStatus = (typeof REMEDIATION_STATUSES)[number];

/** One affected product line of an advisory: vendor, model and the affected firmware versions. */
export const advisoryProduct = z.strictObject({
  vendor: z.string().min(1).max(200),
  model: z.string().min(1).max(200),
  /** Affected versions as written, e.g. '<5.7.3', '>=1.0 <2.0', 'vers:generic/>=1.0|<2.0'. */
  affected: z.string().min(1).max(500),
  fixedVersion: z.string().max(100).nullable(),
  severity: z.enum(ADVISORY_SEVERITIES),
});
export type AdvisoryProduct = z.infer<typeof advisoryProduct>;

export const advisoryRecord = z.strictObject({
  id,
  source: z.enum(ADVISORY_SOURCES),
  /** The publisher's id (CSAF tracking id, or the CSV reference column); re-imports match on it. */
  reference: z.string().max(500).nullable(),
  title: z.string().max(1000).nullable(),
  /** The highest severity of its products. */
  severity: z.enum(ADVISORY_SEVERITIES),
  cves: z.array(z.string().max(50)),
  products: z.array(advisoryProduct).min(1),
  importedAt: instant,
  importedBy: z.string().max(100),
  /**
   * Who must be told (art. 12 "及时告知用户"). Accounts and the events module do not exist yet, so the
   * notification is recorded here as pending (notifiedAt null) for them to deliver; nothing is sent.
   */
  notifyRole: z.literal('SECURITY_ADMIN').nullable(),
  notifiedAt: instant.nullable(),
});
export type AdvisoryRecord = z.infer<typeof advisoryRecord>;

export const remediationTaskRecord = z.strictObject({
  id,
  advisoryId: id,
  deviceKind: z.enum(DEVICE_KINDS),
  deviceId: id,
  siteId: id,
  severity: z.enum(ADVISORY_SEVERITIES),
  /** The device's firmware when it was matched. */
  matchedVersion: z.string().max(200),
  fixedVersion: z.string().max(100).nullable(),
  /** Legal date (Asia/Shanghai) by which the task must be mitigated or closed. */
  dueDate: legalDate,
  status: z.enum(REMEDIATION_STATUSES),
  /** What was done: patch installed, device isolated, compensating control, with references. */
  evidence: z.string().max(4000).nullable(),
  openedAt: instant,
  resolvedAt: instant.nullable(),
});
export type RemediationTaskRecord = z.infer<typeof remediationTaskRecord>;

export const remediationTaskUpdateInput = z.strictObject({
  status: z.enum(REMEDIATION_STATUSES).optional(),
  evidence: z.string().max(4000).nullable().optional(),
});
