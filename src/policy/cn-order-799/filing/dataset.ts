/**
 * REG-14-1: the filing dataset, built from the registry (unit and site master data, camera inventory),
 * with a provenance map and a SHA-256 over its canonical JSON (REG-14-5).
 */
import type { CameraRecord, SiteRecord } from '../../../registry/model.ts';
import type { RegistrySnapshot } from '../../../registry/snapshot.ts';
import type { DeviceType } from '../../../registry/enums.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { formatLegalInstant, legalDateOf, type LegalDate } from '../../../shared/legal-time.ts';
import { canonicalJson, sha256Hex } from './canonical.ts';
import { initialFilingDeadline } from './duty.ts';
import type { FilingDataset, ProvenanceSource } from './dataset-schema.ts';

/** A camera is part of the filed inventory unless it has been deactivated (removed from the system). */
export function filedCameras(snapshot: RegistrySnapshot, siteId: string): CameraRecord[] {
  return snapshot.cameras.filter((c) => c.siteId === siteId && c.status !== 'DEACTIVATED');
}

/**
 * AMB-5: the day the system was put into use. The site's recorded date; failing that, the legal date of
 * the first camera activation; null while no camera has recorded.
 */
export function putIntoUseOf(
  site: SiteRecord,
  cameras: readonly CameraRecord[],
): { date: LegalDate | null; source: 'SITE' | 'FIRST_CAMERA_ACTIVATION' | 'NONE' } {
  if (site.putIntoUseDate) return { date: site.putIntoUseDate, source: 'SITE' };
  const firsts = cameras.flatMap((c) => (c.activatedAt ? [legalDateOf(c.activatedAt)] : [])).sort();
  return firsts[0] ? { date: firsts[0], source: 'FIRST_CAMERA_ACTIVATION' } : { date: null, source: 'NONE' };
}

/** The hash of a dataset: canonical JSON of everything but `sha256` and `generatedAt`. */
export function filingDatasetHash(dataset: Record<string, unknown>): string {
  const { sha256: _s, generatedAt: _g, ...rest } = dataset;
  return sha256Hex(canonicalJson(rest));
}

export function withHash(dataset: Omit<FilingDataset, 'sha256'> & { sha256?: string }): FilingDataset {
  return { ...dataset, sha256: filingDatasetHash(dataset) };
}

function countByType(cameras: readonly CameraRecord[]): Partial<Record<DeviceType, number>> {
  const out: Partial<Record<DeviceType, number>> = {};
  for (const c of cameras) out[c.deviceType] = (out[c.deviceType] ?? 0) + 1;
  return out;
}

const MASTER: ProvenanceSource = 'MASTER_DATA';
const UNIT_FIELDS = ['name', 'uscc', 'unitType', 'address', 'legalRepresentative', 'contactName', 'contactPhone'] as const;
const LOCATION_FIELDS = ['siteName', 'address', 'adminDivisionCode', 'latitude', 'longitude', 'placeCategory', 'placeSubtype'] as const;

function fieldsOf(prefix: string, fields: readonly string[], source: ProvenanceSource): Record<string, ProvenanceSource> {
  return Object.fromEntries(fields.map((f) => [`${prefix}.${f}`, source]));
}
const INVENTORY: ProvenanceSource = 'INVENTORY';

export function buildFilingDataset(snapshot: RegistrySnapshot, siteId: string, at: Date | string): FilingDataset {
  const site = snapshot.sites.find((s) => s.id === siteId);
  if (!site) throw new NotFoundError('E_SITE_NOT_FOUND', { details: { siteId } });
  const unit = snapshot.units.find((u) => u.id === site.unitId);
  if (!unit) throw new NotFoundError('E_UNIT_NOT_FOUND', { details: { unitId: site.unitId, siteId } });

  const cameras = filedCameras(snapshot, siteId).sort((a, b) => a.id.localeCompare(b.id));
  const retentions = cameras.map((c) => c.retentionDays);
  const storagePeriodDays = retentions.length > 0 ? Math.min(...retentions) : site.storagePeriodDays;
  const differ = new Set(retentions).size > 1;
  const putIntoUse = putIntoUseOf(site, cameras);
  const authority = snapshot.filingAuthorities.find((a) => a.adminDivisionCode === site.adminDivisionCode);

  return withHash({
    schemaVersion: 1,
    siteId: site.id,
    generatedAt: formatLegalInstant(at),
    unit: {
      name: unit.name,
      uscc: unit.uscc,
      unitType: unit.unitType,
      address: unit.address,
      legalRepresentative: unit.legalRepresentative,
      contactName: unit.contactName,
      contactPhone: unit.contactPhone,
    },
    location: {
      siteName: site.name,
      address: site.address,
      adminDivisionCode: site.adminDivisionCode,
      latitude: site.latitude,
      longitude: site.longitude,
      placeCategory: site.placeCategory,
      placeSubtype: site.placeSubtype,
    },
    cameraTotal: cameras.length,
    cameraByType: countByType(cameras),
    storagePeriodDays,
    configuredStoragePeriodDays: site.storagePeriodDays,
    storagePeriodByCamera: differ
      ? cameras.map((c) => ({ cameraId: c.id, cameraName: c.name, retentionDays: c.retentionDays }))
      : null,
    extras: {
      systemName: site.name,
      putIntoUseDate: putIntoUse.date,
      putIntoUseDateSource: putIntoUse.source,
      recorderCount: site.recorderCount,
      networkedToPsb: site.networkedToPsb,
      entrustedOperator: site.entrustedOperator ? { ...site.entrustedOperator } : null,
    },
    filingAuthority: authority?.name ?? null,
    // No clock for a place without the duty (art. 9.2, art. 33): a voluntary filing has no due date.
    deadline: initialFilingDeadline(site, putIntoUse.date, snapshot.factChanges),
    provenance: {
      ...fieldsOf('unit', UNIT_FIELDS, MASTER),
      ...fieldsOf('location', LOCATION_FIELDS, MASTER),
      cameraTotal: INVENTORY,
      cameraByType: INVENTORY,
      storagePeriodDays: INVENTORY,
      storagePeriodByCamera: INVENTORY,
      configuredStoragePeriodDays: MASTER,
      'extras.systemName': MASTER,
      'extras.putIntoUseDate': putIntoUse.source === 'FIRST_CAMERA_ACTIVATION' ? INVENTORY : MASTER,
      'extras.putIntoUseDateSource': putIntoUse.source === 'FIRST_CAMERA_ACTIVATION' ? INVENTORY : MASTER,
      'extras.recorderCount': INVENTORY,
      'extras.networkedToPsb': MASTER,
      'extras.entrustedOperator': MASTER,
      filingAuthority: MASTER,
    },
  });
}
