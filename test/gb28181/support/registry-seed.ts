/** Test-only: a unit, a site and cameras written straight through the registry repositories. */
import type { Db } from '../../../src/db/connect.ts';
import { cameraGroupsRepository } from '../../../src/access/repositories.ts';
import { camerasRepository, sitesRepository, unitsRepository } from '../../../src/registry/repositories/index.ts';
import type { CameraRecord } from '../../../src/registry/model.ts';

const AT = '2025-05-01T00:00:00.000Z';

export async function seedUnitAndSite(db: Db): Promise<{ unitId: string; siteId: string }> {
  await unitsRepository.insert(db, { id: 'unit_mall', name: '某商场', unitType: 'ENTERPRISE', uscc: null, address: '杭州市', legalRepresentative: '王五', contactName: '王五', contactPhone: '1', responsiblePersons: 1, active: true }, AT);
  await sitesRepository.insert(
    db,
    { id: 'site_mall', unitId: 'unit_mall', name: '一楼', address: '杭州市西湖区某路 1 号', adminDivisionCode: '330106', latitude: null, longitude: null, placeCategory: 'A7_1_GOV_INFRA', placeSubtype: null, putIntoUseDate: null, storagePeriodDays: 30, entrustedOperator: null, securityObligation: null, networkedToPsb: true, recorderCount: 0, boundary: null, active: true },
    AT,
  );
  return { unitId: 'unit_mall', siteId: 'site_mall' };
}

export async function seedCamera(db: Db, id: string, name: string, sourceUrl: string | null, status: CameraRecord['status'] = 'ACTIVE'): Promise<void> {
  const camera: CameraRecord = {
    id,
    siteId: 'site_mall',
    name,
    deviceType: 'FIXED',
    sourceUrl,
    position: null,
    mountHeightM: null,
    headingDeg: null,
    tiltDeg: null,
    hfovDeg: null,
    rangeM: null,
    ptz: null,
    masks: [],
    zoneType: null,
    publicSecurityArea: null,
    necessity: '',
    placementRationale: '',
    installedByUnitId: null,
    installedAt: null,
    confidentialProximity: null,
    retentionDays: 30,
    audioEnabled: false,
    audioJustification: null,
    audioPickupRadiusM: 5,
    status,
    activatedAt: null,
    signageOverrideReason: null,
    privacyAttestation: null,
    manufacturer: null,
    model: null,
    serialNumber: null,
    firmwareVersion: null,
    hardwareVersion: null,
  };
  await camerasRepository.insert(db, camera, AT);
}

export async function seedGroup(db: Db, id: string, cameraIds: string[]): Promise<void> {
  await cameraGroupsRepository.insert(db, { id, unitId: 'unit_mall', name: id, cameraIds, active: true }, AT);
}
