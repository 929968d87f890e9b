/**
 * Two units for scope tests: unit A with site SA and cameras A1, A2; unit B with site SB and camera
 * B1. Each site has a zone, a sign, a consent, an asset, a conformance declaration, an archive
 * document, a filing and a remediation task per camera, all made by the first administrator (ALL).
 * Callers are the unit A staff holding a built-in role over CAMERA A1, SITE SA or UNIT A.
 */
import { expect } from 'vitest';
import type { BuiltInRoleKey } from '../../src/access/built-in-roles.ts';
import type { TestApp } from './app.ts';
import { cameraBody, created, siteBody, unitBody } from './fixtures.ts';
import { makeUser, type TestGrant } from './access.ts';

export const PRODUCT = { manufacturer: 'AcmeCam', model: 'X200', serialNumber: 'SN-0001', firmwareVersion: '5.7.1', hardwareVersion: 'B' };
const ADVISORY_CSV = 'vendor,model,affected,severity,fixedVersion,reference\nAcmeCam,X200,<5.7.3,critical,5.7.3,ACME-2025-001\n';

/** The objects of one site. */
export interface SiteObjects {
  unitId: string;
  siteId: string;
  zoneId: string;
  signId: string;
  consentId: string;
  assetId: string;
  conformanceId: string;
  archiveDocId: string;
  filingId: string;
  /** A commission this unit gave (its principal unit), to the other unit. */
  commissionId: string;
}

export interface TwoUnits {
  A: SiteObjects;
  B: SiteObjects;
  cameras: { A1: string; A2: string; B1: string };
  /** Remediation task of each camera. */
  tasks: { A1: string; A2: string; B1: string };
  /** A retention hold and a purpose link of each camera. */
  holds: { A1: string; A2: string; B1: string };
  purposes: { A1: string; A2: string; B1: string };
  advisoryId: string;
}

export async function uploadArchive(t: TestApp, siteId: string, headers: Record<string, string> = { authorization: `Bearer ${t.admin.token}` }, title = '竣工验收报告') {
  const query = new URLSearchParams({ type: 'ACCEPTANCE', title, authorUnit: '某检测公司', effectiveDate: '2025-05-01', fileName: 'acceptance.pdf' });
  return t.app.inject({
    method: 'POST',
    url: `/api/sites/${siteId}/archive?${query}`,
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    payload: Buffer.from('%PDF-1.4 acceptance record'),
  });
}

async function siteObjects(t: TestApp, name: string): Promise<Omit<SiteObjects, 'commissionId'> & { cameraIds: string[] }> {
  const unit = await created<{ id: string }>(t, '/api/units', unitBody(name === 'A' ? { name } : { name, uscc: null, unitType: 'INDIVIDUAL' }));
  const site = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id, { name: `${name}-系统` }));
  const cameraIds: string[] = [];
  for (const n of name === 'A' ? ['A1', 'A2'] : ['B1']) {
    cameraIds.push((await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { name: n, ...PRODUCT }))).id);
  }
  const zone = await created<{ id: string }>(t, '/api/zones', {
    siteId: site.id,
    zoneType: 'Z8_3_TOILET',
    name: '卫生间',
    polygon: [{ x: 80, y: 80 }, { x: 90, y: 80 }, { x: 90, y: 90 }, { x: 80, y: 90 }],
  });
  const sign = await created<{ id: string }>(t, '/api/signs', { siteId: site.id, location: '入口', photoRef: 'p.jpg', cameraIds });
  const consent = await created<{ id: string }>(t, '/api/consents', { siteId: site.id, consentingUnit: '某部队', referenceNo: 'TY-2025-01', consentDate: '2025-04-20', cameraIds });
  const asset = await created<{ id: string }>(t, '/api/assets', { siteId: site.id, assetType: 'RECORDER', name: 'NVR-1', holdsFootage: true, ...PRODUCT });
  const conformance = await created<{ id: string }>(t, '/api/conformance-declarations', { deviceKind: 'asset', deviceId: asset.id, standard: 'GB 35114-2017', evidenceDocId: 'D1' });
  const archive = await uploadArchive(t, site.id);
  expect(archive.statusCode, archive.body).toBe(201);
  const filing = await t.call('POST', `/api/sites/${site.id}/filings`);
  expect(filing.statusCode, filing.body).toBe(201);
  return {
    unitId: unit.id,
    siteId: site.id,
    zoneId: zone.id,
    signId: sign.id,
    consentId: consent.id,
    assetId: asset.id,
    conformanceId: conformance.id,
    archiveDocId: archive.json<{ id: string }>().id,
    filingId: filing.json<{ id: string }>().id,
    cameraIds,
  };
}

export async function seedTwoUnits(t: TestApp): Promise<TwoUnits> {
  const { cameraIds: [A1, A2], ...A } = await siteObjects(t, 'A');
  const { cameraIds: [B1], ...B } = await siteObjects(t, 'B');
  const commission = (principalUnitId: string, contractorUnitId: string) =>
    created<{ id: string }>(t, '/api/commissions', { contractorUnitId, principalUnitId, scope: ['MAINTENANCE'], validFrom: '2025-01-01', validTo: '2026-06-30' });
  const commissionA = await commission(A.unitId, B.unitId);
  const commissionB = await commission(B.unitId, A.unitId);
  const imported = await t.call('POST', '/api/advisories/import', ADVISORY_CSV, { 'content-type': 'text/csv' });
  expect(imported.statusCode, imported.body).toBe(201);
  const report = imported.json<{ advisories: { advisoryId: string }[]; tasks: { id: string; deviceId: string }[] }>();
  const task = (deviceId: string | undefined) => report.tasks.find((x) => x.deviceId === deviceId)!.id;
  const fixture = { name: 'fixture' };
  const hold = async (cameraId: string) =>
    (await t.services.retention.holds.create({ basisType: 'INCIDENT', citation: '事件 2025-01', owner: '保卫科', ranges: [{ cameraId }] }, fixture)).id;
  const purpose = async (cameraId: string) =>
    (await t.services.retention.purposes.open({ cameraId, from: '2025-05-01T00:00:00Z', to: '2025-05-02T00:00:00Z', basisType: 'INCIDENT', ref: `INC-${cameraId}` }, fixture)).id;
  const perCamera = async (make: (id: string) => Promise<string>) => ({ A1: await make(A1!), A2: await make(A2!), B1: await make(B1!) });
  return { A: { ...A, commissionId: commissionA.id }, B: { ...B, commissionId: commissionB.id }, cameras: { A1: A1!, A2: A2!, B1: B1! }, tasks: { A1: task(A1), A2: task(A2), B1: task(B1) }, holds: await perCamera(hold), purposes: await perCamera(purpose), advisoryId: report.advisories[0]!.advisoryId };
}

export type ScopeCaller = 'CAMERA_A1' | 'SITE_A' | 'UNIT_A';
export const SCOPE_CALLERS: ScopeCaller[] = ['CAMERA_A1', 'SITE_A', 'UNIT_A'];

/** A unit A staff member holding `role` over one scope, signed in through an API token. */
export async function scopedCaller(t: TestApp, world: TwoUnits, caller: ScopeCaller, role: BuiltInRoleKey = 'ADMINISTRATOR') {
  const scope = { CAMERA_A1: { type: 'CAMERA', id: world.cameras.A1 }, SITE_A: { type: 'SITE', id: world.A.siteId }, UNIT_A: { type: 'UNIT', id: world.A.unitId } }[caller] as TestGrant['scope'];
  const user = await makeUser(t, { unitId: world.A.unitId, grants: [{ role, scope }] });
  return { userId: user.userId, headers: await t.tokenHeaders(user.userId) };
}
