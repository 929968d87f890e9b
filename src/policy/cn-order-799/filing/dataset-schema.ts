/**
 * The filing dataset (REG-14-1) as a zod schema. Its JSON Schema is published as
 * schemas/filing.schema.json (REG-14-6); `filingJsonSchemaText()` generates it.
 */
import { z } from 'zod';
import { DEVICE_TYPES, PLACE_CATEGORIES, UNIT_TYPES } from '../../../registry/enums.ts';

const date = z.iso.date();
const nonNegInt = z.number().int().min(0);

/** Where a filed field came from (REG-14-5). MANUAL edits carry their reason and are flagged in the export. */
export const provenanceSource = z.union([
  z.enum(['MASTER_DATA', 'INVENTORY']),
  z.strictObject({ source: z.literal('MANUAL'), reason: z.string().min(1).max(500) }),
]);
export type ProvenanceSource = z.infer<typeof provenanceSource>;

export const filingUnit = z.strictObject({
  name: z.string().min(1),
  uscc: z.string().nullable(),
  unitType: z.enum(UNIT_TYPES),
  address: z.string(),
  legalRepresentative: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
});

export const filingLocation = z.strictObject({
  siteName: z.string().min(1),
  address: z.string(),
  adminDivisionCode: z.string(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  placeCategory: z.enum(PLACE_CATEGORIES),
  placeSubtype: z.string().nullable(),
});

export const filingExtras = z.strictObject({
  systemName: z.string().min(1),
  putIntoUseDate: date.nullable(),
  /** SITE: the site's recorded date; FIRST_CAMERA_ACTIVATION: derived (AMB-5); NONE: not yet in use. */
  putIntoUseDateSource: z.enum(['SITE', 'FIRST_CAMERA_ACTIVATION', 'NONE']),
  recorderCount: nonNegInt,
  networkedToPsb: z.boolean(),
  entrustedOperator: z
    .strictObject({ name: z.string().min(1), uscc: z.string().nullable(), contractRef: z.string() })
    .nullable(),
});

export const filingDeadlineSchema = z.strictObject({
  kind: z.enum(['INITIAL', 'PRE_EXISTING', 'CHANGE', 'CATEGORY_CHANGE']),
  startDate: date,
  periodDays: z.number().int().min(1),
  dueDate: date,
  overdueFrom: z.iso.datetime({ offset: true }),
  preExisting: z.boolean(),
  rolledFrom: date.optional(),
  calendarCovered: z.boolean(),
});

export const filingDataset = z.strictObject({
  schemaVersion: z.literal(1),
  siteId: z.string().min(1),
  /** When the dataset was built; not covered by the hash. */
  generatedAt: z.iso.datetime({ offset: true }),
  unit: filingUnit,
  location: filingLocation,
  /** Cameras whose status is not DEACTIVATED (installed, whether or not recording yet). */
  cameraTotal: nonNegInt,
  /** Counts per device type; types with no camera are left out. */
  cameraByType: z.partialRecord(z.enum(DEVICE_TYPES), z.number().int().min(1)),
  /** The filed storage period: the shortest camera retention (the site's setting when there are no cameras). */
  storagePeriodDays: z.number().int().min(1),
  /** The storage period the unit set for the system (site setting). */
  configuredStoragePeriodDays: z.number().int().min(1),
  /** Per-camera retention, listed only when cameras differ. */
  storagePeriodByCamera: z
    .array(z.strictObject({ cameraId: z.string(), cameraName: z.string(), retentionDays: z.number().int().min(1) }))
    .nullable(),
  extras: filingExtras,
  /** The county PSB that receives the filing (REG-05-1); null when the table has no entry for the code. */
  filingAuthority: z.string().nullable(),
  /** The initial filing deadline (REG-14-2); null while the system is not in use. */
  deadline: filingDeadlineSchema.nullable(),
  provenance: z.record(z.string(), provenanceSource),
  /** SHA-256 (hex) of the canonical JSON of every other field except `generatedAt`. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FilingDataset = z.infer<typeof filingDataset>;

export const FILING_SCHEMA_ID = 'urn:custos:schemas:filing';

/** The JSON Schema text committed as schemas/filing.schema.json (2-space indent, trailing newline). */
export function filingJsonSchemaText(): string {
  const schema = z.toJSONSchema(filingDataset, { target: 'draft-2020-12', io: 'output' });
  const withMeta = {
    $schema: schema.$schema,
    $id: FILING_SCHEMA_ID,
    title: '公共安全视频图像信息系统备案基本信息 / Filing dataset (Order 799 art. 14)',
    ...schema,
  };
  return `${JSON.stringify(withMeta, null, 2)}\n`;
}
