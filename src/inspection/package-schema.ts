/**
 * The inspection package (REG-24-1) as data: the JSON an inspector downloads, and the only source of the
 * PDF's figures. docs/inspection.schema.json is generated from this schema (npm run generate).
 */
import { z } from 'zod';

export const INSPECTION_PACKAGE_FORMAT = 'custos-inspection-package/v1';

/** What the package's signature covers: the format line and the SHA-256 of the body's canonical JSON. */
export const signedText = (sha256: string): string => `${INSPECTION_PACKAGE_FORMAT}\n${sha256}\n`;
export const INSPECTION_SCHEMA_ID = 'urn:custos:schemas:inspection-package';

const localized = z.object({ zh: z.string(), en: z.string() });
const point = z.object({ x: z.number(), y: z.number() });
const counts = z.record(z.string(), z.number().int().min(0));

export const systemEntry = z.object({
  siteId: z.string(),
  name: z.string(),
  address: z.string(),
  adminDivisionCode: z.string(),
  placeCategory: z.string(),
  placeSubtype: z.string().nullable(),
  putIntoUseDate: z.string().nullable(),
  storagePeriodDays: z.number().int(),
  networkedToPsb: z.boolean(),
  filingRequired: z.boolean(),
  cameraCount: z.number().int().min(0),
  /** Cameras whose necessity (必要性) is stated. */
  camerasWithNecessity: z.number().int().min(0),
});

export const cameraEntry = z.object({
  cameraId: z.string(),
  siteId: z.string(),
  name: z.string(),
  deviceType: z.string(),
  status: z.string(),
  position: point.nullable(),
  mountHeightM: z.number().nullable(),
  headingDeg: z.number().nullable(),
  hfovDeg: z.number().nullable(),
  rangeM: z.number().nullable(),
  zoneType: z.string().nullable(),
  publicSecurityArea: z.string().nullable(),
  audioEnabled: z.boolean(),
  necessity: z.string(),
  placementRationale: z.string(),
  installedByUnitId: z.string().nullable(),
  installedAt: z.string().nullable(),
  activatedAt: z.string().nullable(),
  /** Signs that announce this camera (art. 13). */
  signIds: z.array(z.string()),
});

export const signEntry = z.object({
  signId: z.string(),
  siteId: z.string(),
  location: z.string(),
  languages: z.array(z.string()),
  cameraIds: z.array(z.string()),
  installedAt: z.string().nullable(),
  /** Photo evidence of the sign as hung. */
  photoEvidence: z.enum(['PRESENT', 'MISSING']),
  /** The code printed in the sign's QR (/s/CODE), once one was made; null before. */
  publicCode: z.string().nullable(),
  active: z.boolean(),
});

export const filingEntry = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  filedAt: z.string().nullable(),
  receiptNo: z.string().nullable(),
  authority: z.string().nullable(),
  datasetSha256: z.string().nullable(),
  returnedReason: z.string().nullable(),
  /** For an initial filing: submitted after its due date; null where no due date applies. */
  late: z.boolean().nullable(),
});

export const siteFiling = z.object({
  siteId: z.string(),
  required: z.boolean(),
  status: z.string(),
  receiptNo: z.string().nullable(),
  authority: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** The dataset of the latest filing accepted (FILED), as filed; null when none. */
  filedDataset: z.record(z.string(), z.unknown()).nullable(),
  history: z.array(filingEntry),
});

export const retentionEntry = z.object({
  cameraId: z.string(),
  siteId: z.string(),
  configuredDays: z.number().int(),
  /** The floor that applies to this system (null where art. 17's floor is not mandatory). */
  floorDays: z.number().int().nullable(),
  meetsFloor: z.boolean(),
  segments: z.number().int().min(0),
  oldestFootageAt: z.string().nullable(),
  /** Whole days between the oldest footage kept and the package's time. */
  oldestFootageAgeDays: z.number().int().nullable(),
  holds: z.number().int().min(0),
});

export const personEntry = z.object({
  personId: z.string(),
  name: z.string(),
  position: z.string().nullable(),
  entryVettingAt: z.string().nullable(),
  confidentialityEducationAt: z.string().nullable(),
  jobTrainingAt: z.string().nullable(),
  confidentialityAgreementAt: z.string().nullable(),
  complete: z.boolean(),
});

export const findingEntry = z.object({
  ruleId: z.string(),
  code: z.string(),
  article: z.string(),
  severity: z.string(),
  penaltyRef: z.string().nullable(),
  subjectType: z.string(),
  subjectId: z.string(),
  message: localized,
});

export const inspectionPackageBody = z.object({
  format: z.literal(INSPECTION_PACKAGE_FORMAT),
  id: z.string(),
  generatedAt: z.string(),
  generatedBy: z.object({ username: z.string(), name: z.string(), unit: z.string(), inspector: z.boolean() }),
  unit: z.object({ unitId: z.string(), name: z.string(), uscc: z.string().nullable(), address: z.string() }),
  scope: z.object({ type: z.enum(['UNIT', 'SITE']), siteIds: z.array(z.string()) }),
  period: z.object({ from: z.string(), to: z.string() }),
  /** 1. Filing status and the filed dataset, with every filing made (art. 14). */
  filing: z.array(siteFiling),
  /** 2. Systems and cameras with their placement (arts. 7, 8, 9). */
  inventory: z.object({ systems: z.array(systemEntry), cameras: z.array(cameraEntry), cameraCount: z.number().int().min(0) }),
  /** 3. Signs and their photo evidence (art. 13). */
  signage: z.object({ signs: z.array(signEntry), camerasWithoutSign: z.array(z.string()) }),
  /** 4. Retention configured against the floor and the footage actually kept (art. 17). */
  retention: z.object({
    floorDays: z.number().int(),
    cameras: z.array(retentionEntry),
    holds: z.array(z.object({ holdId: z.string(), cameraId: z.string(), from: z.string(), to: z.string() })),
  }),
  /** 5. The access register for the period (art. 16) and the verification of its hash chain. */
  accessRegister: z.object({
    total: z.number().int().min(0),
    byKind: counts,
    byOperation: counts,
    byReasonCategory: counts,
    viewerUnits: z.array(z.object({ unit: z.string(), count: z.number().int().min(0) })),
    verification: z.object({ ok: z.boolean(), entries: z.number().int().min(0), headHash: z.string(), firstBad: z.string().nullable() }),
  }),
  /** 6. Personnel prerequisites of important positions (art. 16.2). */
  personnel: z.object({ persons: z.array(personEntry), findings: z.array(findingEntry) }),
  /** 7. Trustees (commissions, entrusted operators) and contractors (installers) (arts. 7.3, 19). */
  trustees: z.object({
    commissions: z.array(z.object({ commissionId: z.string(), contractorUnit: z.string(), scope: z.array(z.string()), validFrom: z.string(), validTo: z.string() })),
    entrustedOperators: z.array(z.object({ siteId: z.string(), name: z.string(), uscc: z.string().nullable(), contractRef: z.string() })),
    installers: z.array(z.object({ unitId: z.string(), name: z.string(), cameras: z.number().int().min(0) })),
  }),
  /** 8. Security controls (REG-09-3) and integrity: the ledger's latest signed checkpoint and its verification (art. 15). */
  security: z.object({
    controls: z.array(z.object({ control: z.string(), required: z.boolean(), howMet: localized })),
    ledger: z.object({
      checkpoint: z.object({ seq: z.number().int(), treeSize: z.number().int(), rootHash: z.string(), at: z.string(), keyId: z.string(), signature: z.string() }).nullable(),
      publicKey: z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), fingerprintSha256: z.string(), publicKeyPem: z.string() }).nullable(),
      verification: z.object({ ok: z.boolean(), leaves: z.number().int(), checkpoints: z.number().int(), problems: z.number().int(), firstProblem: z.string().nullable() }),
    }),
  }),
  /** 9. Open findings of the policy pack and of every part that adds findings to the compliance report. */
  findings: z.object({ counts, items: z.array(findingEntry) }),
});
export type InspectionPackageBody = z.infer<typeof inspectionPackageBody>;

/** The package as downloaded: the body, its SHA-256 (canonical JSON) and the ledger key's signature over it. */
export const inspectionPackage = inspectionPackageBody.extend({
  integrity: z.object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** Ed25519 over "custos-inspection-package/v1\n<sha256>\n" with the ledger's signing key; null when no key could be used. */
    signature: z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), value: z.string() }).nullable(),
  }),
});
export type InspectionPackage = z.infer<typeof inspectionPackage>;

export function inspectionJsonSchemaText(): string {
  const schema = z.toJSONSchema(inspectionPackage, { target: 'draft-2020-12', io: 'output' });
  const withMeta = { $schema: schema.$schema, $id: INSPECTION_SCHEMA_ID, title: '监督检查材料 / Inspection package (Order 799 art. 24, REG-24-1)', ...schema };
  return `${JSON.stringify(withMeta, null, 2)}\n`;
}
