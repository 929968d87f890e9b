/**
 * What clients send to create or change registry records. Strict: unknown fields are refused.
 * Server-owned fields (id, status, activation, active flags) are not accepted here.
 */
import { z } from 'zod';
import { PLACE_CATEGORIES } from './enums.ts';
import { deviceProductPatchFields } from './device-product.ts';
import {
  cameraRecord,
  commissionRecord,
  consentRecord,
  filingAuthorityRecord,
  point,
  signRecord,
  siteRecord,
  unitRecord,
  zoneRecord,
} from './model.ts';

const placeCategory = z.enum(PLACE_CATEGORIES, {
  error: (issue) => (issue.input === undefined || issue.input === null ? 'E_CATEGORY_REQUIRED' : 'E_CATEGORY_UNKNOWN'),
});

const unitFields = unitRecord.omit({ id: true, active: true });
export const unitCreateInput = unitFields.extend({
  address: unitFields.shape.address.default(''),
  legalRepresentative: unitFields.shape.legalRepresentative.default(''),
  contactName: unitFields.shape.contactName.default(''),
  contactPhone: unitFields.shape.contactPhone.default(''),
  responsiblePersons: unitFields.shape.responsiblePersons.default(1),
});
export const unitUpdateInput = unitFields.partial();
export type UnitCreateInput = z.output<typeof unitCreateInput>;

const commissionFields = commissionRecord.omit({ id: true });
export const commissionCreateInput = commissionFields;
export const commissionUpdateInput = commissionFields.omit({ contractorUnitId: true, principalUnitId: true }).partial();

const siteFields = siteRecord.omit({ id: true, active: true }).extend({ placeCategory });
export const siteCreateInput = siteFields.extend({
  address: siteFields.shape.address.default(''),
  latitude: siteFields.shape.latitude.default(null),
  longitude: siteFields.shape.longitude.default(null),
  placeSubtype: siteFields.shape.placeSubtype.default(null),
  putIntoUseDate: siteFields.shape.putIntoUseDate.default(null),
  storagePeriodDays: siteFields.shape.storagePeriodDays.default(30),
  entrustedOperator: siteFields.shape.entrustedOperator.default(null),
  securityObligation: siteFields.shape.securityObligation.default(null),
  networkedToPsb: siteFields.shape.networkedToPsb.default(false),
  recorderCount: siteFields.shape.recorderCount.default(0),
  boundary: siteFields.shape.boundary.default(null),
});
export const siteUpdateInput = siteFields.omit({ unitId: true }).partial();

const zoneFields = zoneRecord.omit({ id: true, active: true });
export const zoneCreateInput = zoneFields.extend({
  description: zoneFields.shape.description.default(null),
  transparentEdges: zoneFields.shape.transparentEdges.default([]),
  openings: zoneFields.shape.openings.default([]),
});
export const zoneUpdateInput = zoneFields.omit({ siteId: true }).partial();

const cameraFields = cameraRecord.omit({ id: true, status: true, activatedAt: true, signageOverrideReason: true });
export const cameraCreateInput = cameraFields.extend({
  sourceUrl: cameraFields.shape.sourceUrl.default(null),
  position: cameraFields.shape.position.default(null),
  mountHeightM: cameraFields.shape.mountHeightM.default(null),
  headingDeg: cameraFields.shape.headingDeg.default(null),
  tiltDeg: cameraFields.shape.tiltDeg.default(null),
  hfovDeg: cameraFields.shape.hfovDeg.default(null),
  rangeM: cameraFields.shape.rangeM.default(null),
  ptz: cameraFields.shape.ptz.default(null),
  masks: cameraFields.shape.masks.default([]),
  zoneType: cameraFields.shape.zoneType.default(null),
  publicSecurityArea: cameraFields.shape.publicSecurityArea.default(null),
  necessity: cameraFields.shape.necessity.default(''),
  placementRationale: cameraFields.shape.placementRationale.default(''),
  installedByUnitId: cameraFields.shape.installedByUnitId.default(null),
  installedAt: cameraFields.shape.installedAt.default(null),
  confidentialProximity: cameraFields.shape.confidentialProximity.default(null),
  /** Defaults to the site's storage period. */
  retentionDays: cameraFields.shape.retentionDays.optional(),
  audioEnabled: cameraFields.shape.audioEnabled.default(false),
  audioJustification: cameraFields.shape.audioJustification.default(null),
  audioPickupRadiusM: z.number().min(0.5).max(50).default(5),
  privacyAttestation: cameraFields.shape.privacyAttestation.default(null),
});
// zod 4's partial() keeps field defaults, which would reset an omitted field: fields with defaults are redeclared.
export const cameraUpdateInput = cameraFields
  .omit({ siteId: true })
  .partial()
  .extend(deviceProductPatchFields)
  .extend({ privacyAttestation: z.string().max(2000).nullable().optional(), audioPickupRadiusM: z.number().min(0.5).max(50).optional() });
export type CameraCreateInput = z.output<typeof cameraCreateInput>;

export const cameraActivateInput = z.strictObject({
  /** Activate without a sign (REG-13-5 override); the finding stays open until a sign is linked. */
  signageOverride: z.strictObject({ reason: z.string().min(10).max(2000) }).optional(),
});

const signFields = signRecord.omit({ id: true, active: true });
export const signCreateInput = signFields.extend({
  placementNote: signFields.shape.placementNote.default(''),
  text: signFields.shape.text.default(''),
  languages: signFields.shape.languages.default(['zh']),
  photoRef: signFields.shape.photoRef.default(null),
  installedAt: signFields.shape.installedAt.default(null),
  cameraIds: signFields.shape.cameraIds.default([]),
  position: signFields.shape.position.default(null),
});
// The position's default (for older snapshot files) is redeclared, so that an omitted one is left as it is.
export const signUpdateInput = signFields.omit({ siteId: true }).partial().extend({ position: point.nullable().optional() });

/** Consents name the cameras they cover; the server records each camera's placement at that moment. */
const consentFields = consentRecord.omit({ id: true, active: true, placements: true }).extend({
  cameraIds: z.array(z.string().min(1)).min(1),
});
export const consentCreateInput = consentFields.extend({
  scopeNote: consentFields.shape.scopeNote.default(''),
  documentSha256: consentFields.shape.documentSha256.default(null),
});
export const consentUpdateInput = consentFields.omit({ siteId: true }).partial();

export const filingAuthorityInput = filingAuthorityRecord;
