/** Registry fixtures for the filing tests. */
import type { CameraRecord, FilingRecord, SiteRecord, UnitRecord } from '../../src/registry/model.ts';
import { registrySnapshot, type RegistrySnapshot } from '../../src/registry/snapshot.ts';
import type { DeviceType } from '../../src/registry/enums.ts';

export const VALID_USCC = '91330106MA2AB3C472';
export const INVALID_USCC = '91330106MA2AB3C473';

export function unit(over: Partial<UnitRecord> = {}): UnitRecord {
  return {
    id: 'U1',
    name: '杭州某商贸有限公司',
    unitType: 'ENTERPRISE',
    uscc: VALID_USCC,
    address: '浙江省杭州市西湖区文三路100号',
    legalRepresentative: '王五',
    contactName: '李四',
    contactPhone: '0571-88888888',
    responsiblePersons: 1,
    active: true,
    ...over,
  };
}

export function site(over: Partial<SiteRecord> = {}): SiteRecord {
  return {
    id: 'S1',
    unitId: 'U1',
    name: '西湖商贸中心',
    address: '浙江省杭州市西湖区文三路100号',
    adminDivisionCode: '330106',
    latitude: 30.2741,
    longitude: 120.1551,
    placeCategory: 'A7_2_1_GATHERING',
    placeSubtype: '商贸中心',
    putIntoUseDate: '2025-05-10',
    storagePeriodDays: 30,
    entrustedOperator: null,
    securityObligation: null,
    networkedToPsb: false,
    recorderCount: 2,
    boundary: null,
    active: true,
    ...over,
  };
}

export function camera(id: string, deviceType: DeviceType, over: Partial<CameraRecord> = {}): CameraRecord {
  return {
    id,
    siteId: 'S1',
    name: `摄像机 ${id}`,
    deviceType,
    sourceUrl: null,
    position: null,
    mountHeightM: null,
    headingDeg: null,
    tiltDeg: null,
    hfovDeg: null,
    rangeM: null,
    ptz: null,
    masks: [],
    zoneType: null,
    publicSecurityArea: 'ENTRANCE',
    necessity: '出入口安全',
    placementRationale: '',
    installedByUnitId: 'U1',
    installedAt: '2025-05-01',
    confidentialProximity: null,
    retentionDays: 30,
    audioEnabled: false,
    audioJustification: null,
    audioPickupRadiusM: 5,
    status: 'ACTIVE',
    activatedAt: '2025-05-10T02:00:00.000Z',
    signageOverrideReason: null,
    privacyAttestation: null,
    manufacturer: null,
    model: null,
    serialNumber: null,
    firmwareVersion: null,
    hardwareVersion: null,
    ...over,
  };
}

/** FIXED×8, DOME×3, PTZ×1, all retentionDays 30 (REG-14-1's acceptance inventory). */
export function inventory12(over: Partial<CameraRecord> = {}): CameraRecord[] {
  const types: DeviceType[] = [...Array<DeviceType>(8).fill('FIXED'), 'DOME', 'DOME', 'DOME', 'PTZ'];
  return types.map((t, i) => camera(`C${String(i + 1).padStart(2, '0')}`, t, over));
}

export function filing(over: Partial<FilingRecord> = {}): FilingRecord {
  return {
    id: 'F1',
    siteId: 'S1',
    kind: 'INITIAL',
    status: 'DRAFT',
    dataset: null,
    datasetSha256: null,
    attestedBy: null,
    submittedAt: null,
    receiptNo: null,
    filedAt: null,
    authority: null,
    returnedReason: null,
    createdAt: '2025-05-12T02:00:00.000Z',
    ...over,
  };
}

export function snapshot(over: Partial<RegistrySnapshot> = {}): RegistrySnapshot {
  return registrySnapshot.parse({
    units: [unit()],
    sites: [site()],
    cameras: inventory12(),
    filingAuthorities: [{ adminDivisionCode: '330106', name: '杭州市公安局西湖区分局' }],
    ...over,
  });
}

/** An instant given in Asia/Shanghai wall time, e.g. at('2025-07-01T00:00:00'). */
export function at(local: string): Date {
  return new Date(`${local}+08:00`);
}
