/**
 * The camera form's draft: every registry field as the text of its input, and the conversions to and
 * from the API's record. Pure, so that the form and the site plan agree on what a placement is.
 */
import type { BodyOf, ResponseOf } from '../api/http.ts';

export type Camera = ResponseOf<'/api/cameras/{id}'>;
export type CameraCreate = BodyOf<'/api/cameras'>;
export type CameraPatch = BodyOf<'/api/cameras/{id}', 'patch'>;

/** The facts of art. 13, as the server's PLACEMENT_FIELDS: a change to an active camera needs a reason. */
export const PLACEMENT_FIELDS = ['position', 'mountHeightM', 'headingDeg', 'tiltDeg', 'hfovDeg', 'rangeM', 'ptz', 'masks'] as const;
export type Placement = Pick<Camera, (typeof PLACEMENT_FIELDS)[number]>;

export interface CameraDraft {
  siteId: string;
  name: string;
  deviceType: string;
  sourceUrl: string;
  zoneType: string;
  publicSecurityArea: string;
  necessity: string;
  placementRationale: string;
  installedByUnitId: string;
  installedAt: string;
  confidentialProximity: string;
  retentionDays: string;
  audioEnabled: boolean;
  audioJustification: string;
  /** REG-08-4: metres the microphone hears in every direction (empty: the default, 5). */
  audioPickupRadiusM: string;
  privacyAttestation: string;
  x: string;
  y: string;
  mountHeightM: string;
  headingDeg: string;
  tiltDeg: string;
  hfovDeg: string;
  rangeM: string;
  ptzEnabled: boolean;
  panMinDeg: string;
  panMaxDeg: string;
  ptzMaxRangeM: string;
}

export const EMPTY_DRAFT: CameraDraft = {
  siteId: '',
  name: '',
  deviceType: 'FIXED',
  sourceUrl: '',
  zoneType: '',
  publicSecurityArea: '',
  necessity: '',
  placementRationale: '',
  installedByUnitId: '',
  installedAt: '',
  confidentialProximity: '',
  retentionDays: '',
  audioEnabled: false,
  audioJustification: '',
  audioPickupRadiusM: '',
  privacyAttestation: '',
  x: '',
  y: '',
  mountHeightM: '',
  headingDeg: '',
  tiltDeg: '',
  hfovDeg: '',
  rangeM: '',
  ptzEnabled: false,
  panMinDeg: '',
  panMaxDeg: '',
  ptzMaxRangeM: '',
};

const text = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));
/** A number from an input, or null when left empty (NaN when not a number: the server refuses it). */
export const num = (s: string): number | null => (s.trim() === '' ? null : Number(s));
const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

export function draftOf(c: Camera): CameraDraft {
  return {
    siteId: c.siteId,
    name: c.name,
    deviceType: c.deviceType,
    sourceUrl: c.sourceUrl ?? '',
    zoneType: c.zoneType ?? '',
    publicSecurityArea: c.publicSecurityArea ?? '',
    necessity: c.necessity,
    placementRationale: c.placementRationale,
    installedByUnitId: c.installedByUnitId ?? '',
    installedAt: c.installedAt ?? '',
    confidentialProximity: c.confidentialProximity ?? '',
    retentionDays: text(c.retentionDays),
    audioEnabled: c.audioEnabled,
    audioJustification: c.audioJustification ?? '',
    audioPickupRadiusM: text(c.audioPickupRadiusM),
    privacyAttestation: c.privacyAttestation ?? '',
    x: text(c.position?.x),
    y: text(c.position?.y),
    mountHeightM: text(c.mountHeightM),
    headingDeg: text(c.headingDeg),
    tiltDeg: text(c.tiltDeg),
    hfovDeg: text(c.hfovDeg),
    rangeM: text(c.rangeM),
    ptzEnabled: c.ptz !== null,
    panMinDeg: text(c.ptz?.panMinDeg),
    panMaxDeg: text(c.ptz?.panMaxDeg),
    ptzMaxRangeM: text(c.ptz?.maxRangeM),
  };
}

/** The placement the draft describes; presets and masks are kept from the record (the form does not edit them). */
export function placementOf(d: CameraDraft, base?: Pick<Camera, 'ptz' | 'masks'>): Placement {
  const x = num(d.x);
  const y = num(d.y);
  return {
    position: x === null || y === null ? null : { x, y },
    mountHeightM: num(d.mountHeightM),
    headingDeg: num(d.headingDeg),
    tiltDeg: num(d.tiltDeg),
    hfovDeg: num(d.hfovDeg),
    rangeM: num(d.rangeM),
    ptz: d.ptzEnabled
      ? { panMinDeg: num(d.panMinDeg) ?? 0, panMaxDeg: num(d.panMaxDeg) ?? 360, maxRangeM: num(d.ptzMaxRangeM) ?? num(d.rangeM) ?? 1, presets: base?.ptz?.presets ?? [] }
      : null,
    masks: base?.masks ?? [],
  };
}

/** The placement fields that differ between two placements. */
export function changedPlacement(a: Placement, b: Placement): string[] {
  return PLACEMENT_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

/** The fields the form edits, as a PATCH body (site excluded: it is chosen once). */
export function patchOf(d: CameraDraft, base?: Camera): CameraPatch {
  const retention = num(d.retentionDays);
  const pickup = num(d.audioPickupRadiusM);
  return {
    name: d.name,
    deviceType: d.deviceType as CameraPatch['deviceType'],
    sourceUrl: orNull(d.sourceUrl),
    zoneType: orNull(d.zoneType) as CameraPatch['zoneType'],
    publicSecurityArea: orNull(d.publicSecurityArea) as CameraPatch['publicSecurityArea'],
    necessity: d.necessity,
    placementRationale: d.placementRationale,
    installedByUnitId: orNull(d.installedByUnitId),
    installedAt: orNull(d.installedAt),
    confidentialProximity: orNull(d.confidentialProximity) as CameraPatch['confidentialProximity'],
    ...(retention === null ? {} : { retentionDays: retention }),
    audioEnabled: d.audioEnabled,
    audioJustification: orNull(d.audioJustification),
    ...(pickup === null ? {} : { audioPickupRadiusM: pickup }),
    privacyAttestation: orNull(d.privacyAttestation),
    ...placementOf(d, base),
  };
}

export function createOf(d: CameraDraft): CameraCreate {
  return { ...patchOf(d), siteId: d.siteId } as CameraCreate;
}
