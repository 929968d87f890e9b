/**
 * The registry's records, as zod schemas. They are the API's response shapes, the CLI's
 * output, and the parts of a registry snapshot (see snapshot.ts), which is what the policy
 * pack evaluates. Dates are legal dates ('YYYY-MM-DD', Asia/Shanghai); instants are ISO UTC.
 */
import { z } from 'zod';
import {
  CAMERA_STATUSES,
  COMMISSION_SCOPES,
  CONFIDENTIAL_PROXIMITIES,
  DEVICE_TYPES,
  FILING_KINDS,
  FILING_STATUSES,
  PLACE_CATEGORIES,
  PUBLIC_SECURITY_AREAS,
  SECURITY_OBLIGATION_BASES,
  UNIT_TYPES,
  ZONE_TYPES,
} from './enums.ts';
import { isLegalDate } from '../shared/legal-time.ts';
import { deviceProductFields } from './device-product.ts';

export const legalDate = z.string().refine(isLegalDate, { message: 'expected a date YYYY-MM-DD' });
export const instant = z.iso.datetime({ offset: true });
export const id = z.string().min(1).max(64);

export const point = z.strictObject({ x: z.number().finite(), y: z.number().finite() });
export type Point = z.infer<typeof point>;
export const polygon = z.array(point).min(3).max(256);
export type Polygon = z.infer<typeof polygon>;
export const segment = z.strictObject({ from: point, to: point });
export type Segment = z.infer<typeof segment>;

export const unitRecord = z.strictObject({
  id,
  name: z.string().min(1).max(200),
  unitType: z.enum(UNIT_TYPES),
  /** Unified social credit code (GB 32100-2015); null only for an individual. */
  uscc: z.string().nullable(),
  address: z.string().max(500),
  legalRepresentative: z.string().max(100),
  contactName: z.string().max(100),
  contactPhone: z.string().max(50),
  /** How many directly responsible persons the exposure report multiplies by (AMB-21). */
  responsiblePersons: z.number().int().min(0).max(1000),
  active: z.boolean(),
});
export type UnitRecord = z.infer<typeof unitRecord>;

/** A contractor's commission from a management unit (REG-07-4, REG-19-1). */
export const commissionRecord = z.strictObject({
  id,
  contractorUnitId: id,
  principalUnitId: id,
  scope: z.array(z.enum(COMMISSION_SCOPES)).min(1),
  validFrom: legalDate,
  validTo: legalDate,
});
export type CommissionRecord = z.infer<typeof commissionRecord>;

export const entrustedOperator = z.strictObject({
  name: z.string().min(1).max(200),
  uscc: z.string().nullable(),
  contractRef: z.string().max(200),
});

export const securityObligation = z.strictObject({
  /** The unit (or person, registered as a unit of type INDIVIDUAL) with the security-precaution duty. */
  partyUnitId: id,
  basis: z.enum(SECURITY_OBLIGATION_BASES),
  documentRef: z.string().max(500),
});

export const siteRecord = z.strictObject({
  id,
  unitId: id,
  name: z.string().min(1).max(200),
  address: z.string().max(500),
  /** GB/T 2260 county-level code, six digits, not ending in 00. */
  adminDivisionCode: z.string(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  placeCategory: z.enum(PLACE_CATEGORIES),
  placeSubtype: z.string().max(100).nullable(),
  putIntoUseDate: legalDate.nullable(),
  /** The storage period the unit sets for this system; cameras take it as their default. */
  storagePeriodDays: z.number().int().min(1).max(3650),
  entrustedOperator: entrustedOperator.nullable(),
  securityObligation: securityObligation.nullable(),
  networkedToPsb: z.boolean(),
  recorderCount: z.number().int().min(0),
  /** Optional site boundary in site-plan metres. */
  boundary: polygon.nullable(),
  active: z.boolean(),
});
export type SiteRecord = z.infer<typeof siteRecord>;

/** A prohibited zone drawn on the site plan (art. 8.1). Edges are walls unless listed in `transparentEdges`. */
export const zoneRecord = z.strictObject({
  id,
  siteId: id,
  zoneType: z.enum(ZONE_TYPES),
  name: z.string().min(1).max(200),
  description: z.string().max(1000).nullable(),
  polygon,
  /** Indexes of polygon edges (edge i runs from vertex i to i+1) that do not block the view: glass, open sides. */
  transparentEdges: z.array(z.number().int().min(0)),
  /** Doors and windows on the zone's edges. */
  openings: z.array(segment),
  active: z.boolean(),
});
export type ZoneRecord = z.infer<typeof zoneRecord>;

export const ptzLimits = z.strictObject({
  panMinDeg: z.number(),
  panMaxDeg: z.number(),
  maxRangeM: z.number().positive(),
  presets: z.array(z.strictObject({ headingDeg: z.number() })),
});
export type PtzLimits = z.infer<typeof ptzLimits>;

export const cameraRecord = z.strictObject({
  id,
  siteId: id,
  name: z.string().min(1).max(200),
  deviceType: z.enum(DEVICE_TYPES),
  /** Stream address with any password removed; the stored secret is never returned. */
  sourceUrl: z.string().max(2000).nullable(),
  position: point.nullable(),
  mountHeightM: z.number().min(0).max(500).nullable(),
  /** Degrees counter-clockwise from +x on the site plan. */
  headingDeg: z.number().nullable(),
  tiltDeg: z.number().min(-90).max(90).nullable(),
  hfovDeg: z.number().gt(0).max(360).nullable(),
  rangeM: z.number().positive().nullable(),
  ptz: ptzLimits.nullable(),
  masks: z.array(polygon),
  /** The kind of place where the camera is mounted, when that place is one of art. 8.1's zones. */
  zoneType: z.enum(ZONE_TYPES).nullable(),
  publicSecurityArea: z.enum(PUBLIC_SECURITY_AREAS).nullable(),
  necessity: z.string().max(4000),
  placementRationale: z.string().max(4000),
  installedByUnitId: id.nullable(),
  installedAt: legalDate.nullable(),
  confidentialProximity: z.enum(CONFIDENTIAL_PROXIMITIES).nullable(),
  retentionDays: z.number().int().min(1).max(3650),
  audioEnabled: z.boolean(),
  audioJustification: z.string().max(2000).nullable(),
  /**
   * REG-08-4: how far the device's microphone hears, metres, in every direction (default 5). Absent
   * from older snapshot files, hence the default.
   */
  audioPickupRadiusM: z.number().min(0.5).max(50).default(5),
  status: z.enum(CAMERA_STATUSES),
  activatedAt: instant.nullable(),
  /** Set when an administrator activated without a sign (REG-13-5 override); the finding stays open. */
  signageOverrideReason: z.string().max(2000).nullable(),
  /**
   * In a non-public place (art. 33), the unit's written statement that those whose private space the
   * camera may see have agreed (REG-33-2). Absent from older snapshot files, hence the default.
   */
  privacyAttestation: z.string().max(2000).nullable().default(null),
  /** REG-12-1 product data; null when unknown (and in snapshot files written before it existed). */
  ...deviceProductFields,
});
export type CameraRecord = z.infer<typeof cameraRecord>;

export const signRecord = z.strictObject({
  id,
  siteId: id,
  location: z.string().min(1).max(500),
  placementNote: z.string().max(1000),
  text: z.string().max(2000),
  languages: z.array(z.string().min(2).max(10)),
  /** Reference to the photo evidence (a file id or path under the data folder). */
  photoRef: z.string().max(500).nullable(),
  installedAt: legalDate.nullable(),
  cameraIds: z.array(id),
  /** Where the sign hangs on the site plan (metres); absent from older snapshot files, hence the default. */
  position: point.nullable().default(null),
  active: z.boolean(),
});
export type SignRecord = z.infer<typeof signRecord>;

/** Placement of a camera as the consenting unit saw it; a later change voids the consent (REG-10-1). */
export const consentedPlacement = z.strictObject({
  cameraId: id,
  position: point.nullable(),
  headingDeg: z.number().nullable(),
  hfovDeg: z.number().nullable(),
  rangeM: z.number().nullable(),
  ptz: ptzLimits.nullable(),
});
export type ConsentedPlacement = z.infer<typeof consentedPlacement>;

export const consentRecord = z.strictObject({
  id,
  siteId: id,
  consentingUnit: z.string().min(1).max(200),
  referenceNo: z.string().min(1).max(200),
  consentDate: legalDate,
  scopeNote: z.string().max(2000),
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  placements: z.array(consentedPlacement),
  active: z.boolean(),
});
export type ConsentRecord = z.infer<typeof consentRecord>;

export const filingRecord = z.strictObject({
  id,
  siteId: id,
  kind: z.enum(FILING_KINDS),
  status: z.enum(FILING_STATUSES),
  /** The dataset as submitted; null while a draft (the draft is always built live). */
  dataset: z.record(z.string(), z.unknown()).nullable(),
  datasetSha256: z.string().nullable(),
  attestedBy: z.string().nullable(),
  submittedAt: instant.nullable(),
  receiptNo: z.string().nullable(),
  filedAt: legalDate.nullable(),
  authority: z.string().nullable(),
  returnedReason: z.string().nullable(),
  createdAt: instant,
});
export type FilingRecord = z.infer<typeof filingRecord>;

/** County PSB that receives filings for an administrative division (REG-05-1). */
export const filingAuthorityRecord = z.strictObject({
  adminDivisionCode: z.string(),
  name: z.string().min(1).max(200),
});
export type FilingAuthorityRecord = z.infer<typeof filingAuthorityRecord>;
