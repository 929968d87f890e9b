/** A small builder of registry snapshots for the policy tests: one valid A7 unit, site, camera and sign by default. */
import type {
  CameraRecord,
  CommissionRecord,
  ConsentRecord,
  SignRecord,
  SiteRecord,
  UnitRecord,
  ZoneRecord,
} from '../../src/registry/model.ts';
import type { RegistrySnapshot } from '../../src/registry/snapshot.ts';
import type { Finding } from '../../src/policy/types.ts';

export const AT = new Date('2025-06-01T12:00:00+08:00');
export const VALID_USCC = '91330106MA2AB3C472';

export function unit(overrides: Partial<UnitRecord> = {}): UnitRecord {
  return {
    id: 'U1',
    name: '杭州示例商贸有限公司',
    unitType: 'ENTERPRISE',
    uscc: VALID_USCC,
    address: '杭州市西湖区文三路1号',
    legalRepresentative: '张三',
    contactName: '李四',
    contactPhone: '0571-00000000',
    responsiblePersons: 2,
    active: true,
    ...overrides,
  };
}

export function site(overrides: Partial<SiteRecord> = {}): SiteRecord {
  return {
    id: 'S1',
    unitId: 'U1',
    name: '示例商场',
    address: '杭州市西湖区文三路1号',
    adminDivisionCode: '330106',
    latitude: null,
    longitude: null,
    placeCategory: 'A7_2_1_GATHERING',
    placeSubtype: '商贸中心',
    putIntoUseDate: null,
    storagePeriodDays: 30,
    entrustedOperator: null,
    securityObligation: null,
    networkedToPsb: false,
    recorderCount: 1,
    boundary: null,
    active: true,
    ...overrides,
  };
}

export function camera(overrides: Partial<CameraRecord> = {}): CameraRecord {
  return {
    id: 'C1',
    siteId: 'S1',
    name: '一层入口',
    deviceType: 'FIXED',
    sourceUrl: null,
    position: { x: 15, y: 5 },
    mountHeightM: 3,
    headingDeg: 0,
    tiltDeg: -20,
    hfovDeg: 90,
    rangeM: 20,
    ptz: null,
    masks: [],
    zoneType: null,
    publicSecurityArea: 'ENTRANCE',
    necessity: '覆盖商场一层主入口,用于防范盗窃和处置突发事件',
    placementRationale: '正对入口,避开卫生间方向',
    installedByUnitId: 'U1',
    installedAt: '2025-05-01',
    confidentialProximity: null,
    retentionDays: 30,
    audioEnabled: false,
    audioJustification: null,
    audioPickupRadiusM: 5,
    status: 'INACTIVE',
    activatedAt: null,
    signageOverrideReason: null,
    privacyAttestation: null,
    manufacturer: null,
    model: null,
    serialNumber: null,
    firmwareVersion: null,
    hardwareVersion: null,
    ...overrides,
  };
}

export function sign(overrides: Partial<SignRecord> = {}): SignRecord {
  return {
    id: 'SG1',
    siteId: 'S1',
    location: '一层入口外侧',
    placementNote: '进入监控区域前可见',
    text: '您已进入视频监控区域',
    languages: ['zh', 'en'],
    photoRef: 'photos/sg1.jpg',
    installedAt: '2025-05-01',
    cameraIds: ['C1'],
    position: null,
    active: true,
    ...overrides,
  };
}

/** Z1: toilet, square (0,0)–(10,10), walls everywhere, a door on edge 1 (x=10) for y in [4,6]. */
export function zone(overrides: Partial<ZoneRecord> = {}): ZoneRecord {
  return {
    id: 'Z1',
    siteId: 'S1',
    zoneType: 'Z8_3_TOILET',
    name: '一层卫生间',
    description: null,
    polygon: [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ],
    transparentEdges: [],
    openings: [{ from: { x: 10, y: 4 }, to: { x: 10, y: 6 } }],
    active: true,
    ...overrides,
  };
}

export function commission(overrides: Partial<CommissionRecord> = {}): CommissionRecord {
  return { id: 'K1-U1', contractorUnitId: 'K1', principalUnitId: 'U1', scope: ['CONSTRUCTION'], validFrom: '2025-01-01', validTo: '2025-12-31', ...overrides };
}

export function consent(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  const c = camera();
  return {
    id: 'CS1',
    siteId: 'S1',
    consentingUnit: '某部队',
    referenceNo: '同意函〔2025〕1号',
    consentDate: '2025-04-20',
    scopeNote: 'C1 朝向东侧道路',
    documentSha256: null,
    placements: [{ cameraId: 'C1', position: c.position, headingDeg: c.headingDeg, hfovDeg: c.hfovDeg, rangeM: c.rangeM, ptz: c.ptz }],
    active: true,
    ...overrides,
  };
}

/** A snapshot: unit U1, site S1, camera C1 and sign SG1 unless replaced. */
export function snapshot(parts: Partial<RegistrySnapshot> = {}): RegistrySnapshot {
  return {
    units: [unit()],
    commissions: [],
    sites: [site()],
    zones: [],
    cameras: [camera()],
    signs: [sign()],
    consents: [],
    filings: [],
    filingAuthorities: [],
    assets: [],
    conformanceDeclarations: [],
    remediationTasks: [],
    archiveDocuments: [],
    factChanges: [],
    ...parts,
  };
}

/** The findings of one rule (filing findings come from another engine and are left out where not asked for). */
export function ofRule(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

export function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.code);
}

export function notFiling(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !f.ruleId.startsWith('REG-14-'));
}
