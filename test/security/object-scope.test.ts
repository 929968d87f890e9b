/**
 * Issue 10, attack 1 (permissions without scope), over real HTTP: a contractor of unit A holding CONFIG
 * over one camera (A1), and an administrator over unit A, try to write unit B's registry objects and
 * read what lies outside their reach. Every attempt is refused with a stable code, and the database
 * (registry, archive, filings, history) is exactly as it was.
 */
import { initialStatus, type CameraRecordingStatus } from '../../src/recorder/camera-status.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { buildApp } from '../../src/http/app.ts';
import type { RecorderService } from '../../src/recorder/recorder-service.ts';
import { retentionDb } from '../../src/retention/tables.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { makeUser } from '../support/access.ts';
import { DIALECTS } from '../support/db.ts';
import { cameraBody } from '../support/fixtures.ts';
import { scopedCaller, seedTwoUnits, uploadArchive, type TwoUnits } from '../support/two-units.ts';

const TABLES = ['units', 'sites', 'cameras', 'zones', 'signs', 'consents', 'assets', 'conformanceDeclarations', 'archiveDocuments', 'archiveVersions', 'filings', 'remediationTasks', 'history'] as const;

/** Every row of the tables an attack could touch, in a stable order. */
async function state(t: TestApp): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await t.db.db.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort());
  return out;
}

describe.each(DIALECTS)('object scope: CONFIG over one camera does not reach another unit (issue 10, attack 1) on %s', (dialect) => {
  let t: TestApp;
  let w: TwoUnits;
  /** A contractor of unit A: CONTRACTOR (CONFIG, LIVE) over camera A1 only. */
  let contractor: Record<string, string>;
  /** An administrator over unit A (ADMINISTER, CONFIG … over unit A). */
  let unitAdmin: Record<string, string>;

  beforeAll(async () => {
    t = await openTestApp(dialect);
    w = await seedTwoUnits(t);
    const user = await makeUser(t, {
      unitId: w.A.unitId,
      kind: 'CONTRACTOR',
      person: { contractorUndertakingAt: '2025-01-01' },
      grants: [{ role: 'CONTRACTOR', scope: { type: 'CAMERA', id: w.cameras.A1 } }],
    });
    contractor = await t.tokenHeaders(user.userId);
    unitAdmin = (await scopedCaller(t, w, 'UNIT_A')).headers;
  }, 120_000);
  afterAll(async () => t.close());

  /** The call is refused with `status` and `code`, and nothing in the database changed. */
  async function refusedUnchanged(call: () => Promise<{ statusCode: number; json(): { code?: string } }>, status: number, code: string) {
    const before = await state(t);
    const response = await call();
    expect({ status: response.statusCode, code: response.json().code }).toEqual({ status, code });
    expect(await state(t)).toEqual(before);
  }

  it('REG-16-3 REG-19-2: renaming another unit’s camera is refused (E_OUT_OF_SCOPE), nothing written', async () => {
    await refusedUnchanged(() => t.call('PATCH', `/api/cameras/${w.cameras.B1}`, { name: '已被改名' }, contractor), 403, 'E_OUT_OF_SCOPE');
  });

  it('REG-16-3 REG-19-2: re-pointing another unit’s camera stream to a source of the attacker’s choosing is refused', async () => {
    await refusedUnchanged(() => t.call('PATCH', `/api/cameras/${w.cameras.B1}`, { sourceUrl: 'rtsp://10.9.9.9/attacker' }, contractor), 403, 'E_OUT_OF_SCOPE');
  });

  it('REG-16-3 REG-19-2: uploading an acceptance record to another unit’s site is refused, no document, version or file', async () => {
    await refusedUnchanged(() => uploadArchive(t, w.B.siteId, contractor, '伪造的验收报告'), 403, 'E_OUT_OF_SCOPE');
    await refusedUnchanged(() => uploadArchive(t, w.B.siteId, unitAdmin, '伪造的验收报告'), 403, 'E_OUT_OF_SCOPE');
  });

  it('REG-16-3: a new version of another unit’s archive document is refused', async () => {
    await refusedUnchanged(
      () =>
        t.app.inject({
          method: 'POST',
          url: `/api/archive/${w.B.archiveDocId}/versions?fileName=forged.pdf`,
          headers: { ...unitAdmin, 'content-type': 'application/octet-stream' },
          payload: Buffer.from('forged'),
        }),
      403,
      'E_OUT_OF_SCOPE',
    );
  });

  it('REG-16-3: a camera scope does not reach its own site’s archive either (CONFIG over a camera is not over the site)', async () => {
    await refusedUnchanged(() => uploadArchive(t, w.A.siteId, contractor), 403, 'E_OUT_OF_SCOPE');
  });

  it('REG-16-3: zones, signs, consents and assets of another unit cannot be changed or added to', async () => {
    const polygon = [{ x: 0, y: 0 }, { x: 5, y: 0 }, { x: 5, y: 5 }, { x: 0, y: 5 }];
    for (const headers of [contractor, unitAdmin]) {
      await refusedUnchanged(() => t.call('PATCH', `/api/zones/${w.B.zoneId}`, { name: '改' }, headers), 403, 'E_OUT_OF_SCOPE');
      await refusedUnchanged(() => t.call('POST', '/api/zones', { siteId: w.B.siteId, zoneType: 'Z8_3_TOILET', name: '新', polygon }, headers), 403, 'E_OUT_OF_SCOPE');
      await refusedUnchanged(() => t.call('PATCH', `/api/signs/${w.B.signId}`, { location: '别处' }, headers), 403, 'E_OUT_OF_SCOPE');
      await refusedUnchanged(() => t.call('POST', '/api/signs', { siteId: w.B.siteId, location: '入口', photoRef: 'x.jpg', cameraIds: [w.cameras.B1] }, headers), 403, 'E_OUT_OF_SCOPE');
      await refusedUnchanged(() => t.call('PATCH', `/api/consents/${w.B.consentId}`, { referenceNo: 'FAKE-1' }, headers), 403, 'E_OUT_OF_SCOPE');
      await refusedUnchanged(() => t.call('POST', `/api/consents/${w.B.consentId}/deactivate`, undefined, headers), 403, 'E_OUT_OF_SCOPE');
      await refusedUnchanged(() => t.call('PATCH', `/api/assets/${w.B.assetId}`, { name: 'NVR-x' }, headers), 403, 'E_OUT_OF_SCOPE');
      await refusedUnchanged(() => t.call('POST', '/api/assets', { siteId: w.B.siteId, assetType: 'RECORDER', name: 'rogue NVR' }, headers), 403, 'E_OUT_OF_SCOPE');
      await refusedUnchanged(() => t.call('PATCH', `/api/remediation-tasks/${w.tasks.B1}`, { status: 'CLOSED', evidence: 'nothing done' }, headers), 403, 'E_OUT_OF_SCOPE');
    }
  });

  it('REG-16-3: deactivating or activating a camera outside the scope is refused (another unit’s, and A2 beside the granted A1)', async () => {
    await refusedUnchanged(() => t.call('POST', `/api/cameras/${w.cameras.B1}/deactivate`, undefined, contractor), 403, 'E_OUT_OF_SCOPE');
    await refusedUnchanged(() => t.call('POST', `/api/cameras/${w.cameras.A2}/deactivate`, undefined, contractor), 403, 'E_OUT_OF_SCOPE');
    await refusedUnchanged(() => t.call('POST', `/api/cameras/${w.cameras.A2}/activate`, {}, contractor), 403, 'E_OUT_OF_SCOPE');
    await refusedUnchanged(() => t.call('POST', `/api/cameras/${w.cameras.B1}/activate`, {}, unitAdmin), 403, 'E_OUT_OF_SCOPE');
    await refusedUnchanged(() => t.call('PUT', `/api/retention/cameras/${w.cameras.B1}`, { priority: 'LOW' }, unitAdmin), 403, 'E_OUT_OF_SCOPE');
  });

  it('REG-16-3: putting another unit’s system into use, or opening and submitting its filing, is refused', async () => {
    await refusedUnchanged(() => t.call('POST', `/api/sites/${w.B.siteId}/put-into-use`, { date: '2025-05-10' }, unitAdmin), 403, 'E_OUT_OF_SCOPE');
    await refusedUnchanged(() => t.call('POST', `/api/sites/${w.B.siteId}/filings`, undefined, unitAdmin), 403, 'E_OUT_OF_SCOPE');
    await refusedUnchanged(() => t.call('POST', `/api/filings/${w.B.filingId}/submit`, { responsiblePerson: '冒名者' }, unitAdmin), 403, 'E_OUT_OF_SCOPE');
    await refusedUnchanged(() => t.call('POST', `/api/filings/${w.B.filingId}/record-receipt`, { receiptNo: 'R-9', filedAt: '2025-06-01' }, unitAdmin), 403, 'E_OUT_OF_SCOPE');
    await refusedUnchanged(() => t.call('PUT', '/api/filing-authorities/330106', { name: '冒名公安局' }, unitAdmin), 403, 'E_OUT_OF_SCOPE');
  });

  it('REG-16-3: placing a new camera in another unit’s site (moving the attacker’s hardware in) is refused', async () => {
    await refusedUnchanged(() => t.call('POST', '/api/cameras', cameraBody(w.B.siteId, w.B.unitId, { name: '潜入' }), contractor), 403, 'E_OUT_OF_SCOPE');
    await refusedUnchanged(() => t.call('POST', '/api/cameras', cameraBody(w.B.siteId, w.B.unitId, { name: '潜入' }), unitAdmin), 403, 'E_OUT_OF_SCOPE');
  });

  it('REG-16-3: another unit’s objects are absent to the attacker: single reads are 404 as if unknown, lists leave them out', async () => {
    for (const url of [
      `/api/cameras/${w.cameras.B1}`,
      `/api/cameras/${w.cameras.B1}/placement-history`,
      `/api/sites/${w.B.siteId}`,
      `/api/sites/${w.B.siteId}/archive`,
      `/api/sites/${w.B.siteId}/assets`,
      `/api/sites/${w.B.siteId}/filing-draft`,
      `/api/archive/${w.B.archiveDocId}`,
      `/api/archive/${w.B.archiveDocId}/versions/1/content?reason=curious`,
      `/api/filings/${w.B.filingId}`,
      `/api/remediation-tasks/${w.tasks.B1}`,
    ]) {
      const response = await t.call('GET', url, undefined, contractor);
      expect({ url, status: response.statusCode, code: response.json<{ code?: string }>().code }).toEqual({ url, status: 404, code: 'E_NOT_FOUND' });
    }
    // Retention answers another unit's camera exactly as a camera that does not exist.
    const unknown = await t.call('GET', '/api/retention/cameras/cam_does_not_exist', undefined, contractor);
    const other = await t.call('GET', `/api/retention/cameras/${w.cameras.B1}`, undefined, contractor);
    expect([other.statusCode, other.json<{ code: string }>().code]).toEqual([404, 'E_CAMERA_NOT_FOUND']);
    expect([unknown.statusCode, unknown.json<{ code: string }>().code]).toEqual([other.statusCode, other.json<{ code: string }>().code]);
    const ids = async (url: string) => JSON.stringify((await t.call('GET', url, undefined, contractor)).json());
    const bIds = [w.B.unitId, w.B.siteId, w.cameras.B1, w.B.zoneId, w.B.signId, w.B.consentId, w.B.assetId, w.B.filingId, w.tasks.B1];
    for (const url of ['/api/units', '/api/sites', '/api/cameras', '/api/zones', '/api/signs', '/api/consents', '/api/assets', '/api/filings', '/api/remediation-tasks', '/api/compliance', '/api/compliance/exposure', '/api/retention/status', '/api/retention/capacity', `/api/advisories/${w.advisoryId}`]) {
      const body = await ids(url);
      expect(bIds.filter((id) => body.includes(id)), url).toEqual([]);
    }
    // Their own unit is still there: the lists are filtered, not empty.
    expect(await ids('/api/cameras')).toContain(w.cameras.A2);
    expect(await ids(`/api/advisories/${w.advisoryId}`)).toContain(w.cameras.A1);
  });

  it('REG-16-3 REG-19-2: an advisory import by a camera-scoped contractor opens remediation tasks only for its own camera', async () => {
    const csv = 'vendor,model,affected,severity,fixedVersion,reference\nAcmeCam,X200,<5.8,high,5.8,ACME-2025-002\n';
    const response = await t.call('POST', '/api/advisories/import', csv, { ...contractor, 'content-type': 'text/csv' });
    expect(response.statusCode, response.body).toBe(201);
    const advisoryId = response.json<{ advisories: { advisoryId: string }[] }>().advisories[0]!.advisoryId;
    const rows = await t.db.db.selectFrom('remediationTasks').select('deviceId').where('advisoryId', '=', advisoryId).execute();
    expect(rows.map((r) => r.deviceId)).toEqual([w.cameras.A1]);
  });

  it('REG-16-3: an auditor over unit A verifies only unit A’s archive; unit B’s documents are not named', async () => {
    const auditor = (await scopedCaller(t, w, 'UNIT_A', 'AUDITOR')).headers;
    const response = await t.call('POST', '/api/archive/verify', undefined, auditor);
    expect(response.statusCode, response.body).toBe(200);
    const results = response.json<{ results: { docId: string; siteId: string }[] }>().results;
    expect(results.map((r) => r.docId)).toContain(w.A.archiveDocId);
    expect(results.filter((r) => r.siteId !== w.A.siteId)).toEqual([]);
  });

  it('REG-16-3: the recording status, its event stream and /metrics name only the cameras within reach', async () => {
    const statuses: CameraRecordingStatus[] = [w.cameras.A1, w.cameras.B1].map((cameraId) => ({
      ...initialStatus(cameraId, new Date()),
      state: 'error',
      reason: `fault of ${cameraId}`,
      reconnects: 1,
    }));
    const recorder = { status: () => statuses, statusOf: (id: string) => statuses.find((s) => s.cameraId === id) } as unknown as RecorderService;
    const app = await buildApp({ config: loadConfig({ env: { CUSTOS_DATA_DIR: '.' } }), db: t.db, services: t.services, recorder, logger: false });
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const status = await (await fetch(`${base}/api/recording/status`, { headers: contractor })).text();
      expect(status).toContain(w.cameras.A1);
      expect(status).not.toContain(w.cameras.B1);
      const metrics = await (await fetch(`${base}/metrics`, { headers: contractor })).text();
      expect(metrics).toContain(`camera="${w.cameras.A1}"`);
      expect(metrics).not.toContain(w.cameras.B1);
      const abort = new AbortController();
      const events = await fetch(`${base}/api/recording/events`, { headers: contractor, signal: abort.signal });
      const reader = events.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      abort.abort();
      expect(first).toContain(w.cameras.A1);
      expect(first).not.toContain(w.cameras.B1);
    } finally {
      await app.close();
    }
  });

  it('REG-16-3: the deletion log (JSON and CSV) lists only the deletions of cameras within reach', async () => {
    for (const cameraId of [w.cameras.A1, w.cameras.B1]) {
      const hash = cameraId.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a').slice(0, 64);
      await t.db.db
        .insertInto('segmentDeletions')
        .values({ id: `del_${cameraId}`, segmentId: `seg_${cameraId}`, cameraId, segmentSeq: 1, startAt: '2025-05-01T00:00:00.000Z', endAt: '2025-05-01T00:01:00.000Z', sha256: hash, prevChainHash: hash, chainHash: hash, bytes: 1, policy: 'RETENTION', orderRef: null, deletedAt: '2025-06-01T00:00:00.000Z' })
        .execute();
    }
    for (const url of ['/api/retention/deletions', '/api/retention/deletions.csv']) {
      const body = (await t.call('GET', url, undefined, contractor)).body;
      expect(body, url).toContain(w.cameras.A1);
      expect(body, url).not.toContain(w.cameras.B1);
    }
  });

  it('REG-16-3: holds and purpose links over another unit’s camera cannot be placed, released or closed, and are not listed', async () => {
    const retentionTables = async () => ({
      holds: await retentionDb(t.db.db).selectFrom('retentionHolds').selectAll().execute(),
      links: await retentionDb(t.db.db).selectFrom('retentionPurposeLinks').selectAll().execute(),
      history: await t.db.db.selectFrom('history').select('seq').execute(),
    });
    const before = await retentionTables();
    const refusals = [
      await t.call('POST', '/api/retention/holds', { basisType: 'INCIDENT', citation: '伪造', owner: 'x', ranges: [{ cameraId: w.cameras.B1 }] }, unitAdmin),
      await t.call('POST', `/api/retention/holds/${w.holds.B1}/release`, { reason: '放行' }, unitAdmin),
      await t.call('POST', '/api/retention/purposes', { cameraId: w.cameras.B1, from: '2025-05-01T00:00:00Z', to: '2025-05-02T00:00:00Z', basisType: 'INCIDENT', ref: 'X-1' }, unitAdmin),
      await t.call('POST', `/api/retention/purposes/${w.purposes.B1}/close`, undefined, unitAdmin),
      await t.call('POST', '/api/retention/purposes/close-case', { basisType: 'INCIDENT', ref: `INC-${w.cameras.B1}` }, unitAdmin),
    ];
    expect(refusals.map((r) => `${r.statusCode} ${r.json<{ code: string }>().code}`)).toEqual(Array(5).fill('403 E_OUT_OF_SCOPE'));
    expect(await retentionTables()).toEqual(before);
    for (const url of ['/api/retention/holds', '/api/retention/purposes', `/api/retention/holds/${w.holds.B1}`]) {
      const body = (await t.call('GET', url, undefined, unitAdmin)).body;
      expect(body, url).not.toContain(w.cameras.B1);
    }
  });

  it('REG-19-2: within its scope the same contractor still works: it renames camera A1 (the refusals above are about scope)', async () => {
    const response = await t.call('PATCH', `/api/cameras/${w.cameras.A1}`, { name: 'A1-维护后' }, contractor);
    expect(response.statusCode, response.body).toBe(200);
    expect((await t.db.db.selectFrom('cameras').select('name').where('id', '=', w.cameras.A1).executeTakeFirstOrThrow()).name).toBe('A1-维护后');
  });
});
