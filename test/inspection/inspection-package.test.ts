/**
 * REG-24-1 acceptance: POST /api/inspection-packages {siteId: S1, period: "2025-05"} yields a stored package
 * whose JSON validates against docs/inspection.schema.json (the zod schema it is generated from, checked
 * current) and whose PDF, rendered from that JSON, has the nine sections; the PDF's figures are the JSON's
 * and the other APIs'. The inspector of S1 gets no package of S2 nor of the unit; auditors and
 * administrators generate within what they audit or administer.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { makeUser } from '../support/access.ts';
import { openTestApp, type SignedIn, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { inspectionJsonSchemaText, inspectionPackage, type InspectionPackage } from '../../src/inspection/package-schema.ts';
import { signedText } from '../../src/inspection/package-schema.ts';
import { verifyInspectionPackage } from '../../src/inspection/verify-package.ts';
import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson, sha256Hex } from '../../src/policy/cn-order-799/filing/index.ts';
import { buildWorld, pdfText, signInInspector, type World } from './support.ts';
import { dropTriggers } from '../access/register-support.ts';

const SECTIONS = [
  '一、备案情况',
  '二、系统与点位',
  '三、提示标识',
  '四、存储期限',
  '五、调用登记',
  '六、人员条件',
  '七、受托与施工单位',
  '八、安全控制与完整性',
  '九、未结问题',
];

describe.each(DIALECTS)('REG-24-1 inspection package (%s)', (dialect) => {
  let t: TestApp;
  let w: World;
  let i1: SignedIn;
  let pkg: InspectionPackage;

  beforeAll(async () => {
    t = await openTestApp(dialect, { at: '2025-06-03T02:00:00Z' });
    w = await buildWorld(t);
    i1 = await signInInspector(t);
    const response = await t.call('POST', '/api/inspection-packages', { siteId: w.s1, period: '2025-05' }, i1.headers);
    expect(response.statusCode, response.body).toBe(201);
    pkg = response.json<InspectionPackage>();
  });
  afterAll(async () => t?.close());

  it('REG-24-1: the package is stored, validates against the schema, and carries its own SHA-256 and the ledger key’s signature', async () => {
    const json = await t.call('GET', `/api/inspection-packages/${pkg.id}.json`, undefined, i1.headers);
    expect(json.statusCode, json.body).toBe(200);
    const downloaded = inspectionPackage.parse(json.json());
    expect(downloaded).toEqual(pkg);
    const committed = readFileSync('docs/inspection.schema.json', 'utf8');
    expect(committed).toBe(inspectionJsonSchemaText());
    // And against the committed JSON Schema itself, with a JSON Schema validator (ajv, draft 2020-12).
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(committed) as object);
    expect(validate(json.json()), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...json.json<object>(), inventory: { cameraCount: -1 } })).toBe(false);
    const { integrity, ...body } = downloaded;
    expect(integrity.sha256).toBe(sha256Hex(canonicalJson(body)));
    const key = await t.call('GET', '/api/ledger/public-key');
    const { publicKeyPem, keyId } = key.json<{ publicKeyPem: string; keyId: string }>();
    expect(integrity.signature?.keyId).toBe(keyId);
    expect(verify(null, Buffer.from(signedText(integrity.sha256)), publicKeyPem, Buffer.from(integrity.signature!.value, 'base64'))).toBe(true);
    expect(downloaded.security.ledger.publicKey?.publicKeyPem).toBe(publicKeyPem);
    // A tampered figure no longer matches the hash.
    expect(sha256Hex(canonicalJson({ ...body, inventory: { ...body.inventory, cameraCount: 99 } }))).not.toBe(integrity.sha256);
  });

  it('REG-24-1: the package verifies offline against the published key; a changed figure, another key or a bad signature does not', async () => {
    const downloaded = (await t.call('GET', `/api/inspection-packages/${pkg.id}.json`, undefined, i1.headers)).json<InspectionPackage>();
    const { publicKeyPem, keyId } = (await t.call('GET', '/api/ledger/public-key')).json<{ publicKeyPem: string; keyId: string }>();
    const ok = verifyInspectionPackage(downloaded, { publicKeyPem });
    expect(ok, JSON.stringify(ok.checks)).toMatchObject({ ok: true, keyTrusted: true, keyId });
    expect(ok.checks.map((c) => c.check)).toEqual(['FORMAT', 'SHA256', 'KEY', 'SIGNATURE', 'CHECKPOINT', 'REGISTER', 'LEDGER']);
    // Without a key of one's own, the package's key is used and the answer says it was not brought.
    expect(verifyInspectionPackage(downloaded)).toMatchObject({ ok: true, keyTrusted: false, keyId });

    const failed = (raw: unknown, pem = publicKeyPem) => verifyInspectionPackage(raw, { publicKeyPem: pem }).checks.filter((c) => !c.ok).map((c) => c.check);
    expect(failed({ ...downloaded, inventory: { ...downloaded.inventory, cameraCount: downloaded.inventory.cameraCount + 1 } })).toEqual(['SHA256']);
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(failed(downloaded, other)).toEqual(['KEY', 'SIGNATURE', 'CHECKPOINT']);
    const forged = { ...downloaded, integrity: { ...downloaded.integrity, signature: { ...downloaded.integrity.signature!, value: Buffer.alloc(64).toString('base64') } } };
    expect(failed(forged)).toEqual(['SIGNATURE']);
    expect(verifyInspectionPackage({ format: 'something else' })).toMatchObject({ ok: false, checks: [{ check: 'FORMAT', ok: false }] });
  });

  it('REG-24-1: the PDF has the nine sections, page numbers, and the figures of the JSON and of the other APIs', async () => {
    const pdf = await t.call('GET', `/api/inspection-packages/${pkg.id}.pdf`, undefined, i1.headers);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload, `package-${dialect}`);
    for (const title of SECTIONS) expect(text, title).toContain(title);
    expect(text).toMatch(/第 1 页 共 \d+ 页/);

    // Cameras: the inventory's count is what GET /api/cameras?siteId says.
    const cameras = (await t.call('GET', `/api/cameras?siteId=${w.s1}`)).json<unknown[]>();
    expect(pkg.inventory.cameraCount).toBe(cameras.length);
    expect(pkg.inventory.cameraCount).toBe(2);
    expect(text).toMatch(new RegExp(`摄像机总数 Cameras\\s+${pkg.inventory.cameraCount}\\b`));

    // Retention: configured days per camera as GET /api/retention/cameras/:id reports them.
    for (const entry of pkg.retention.cameras) {
      const status = (await t.call('GET', `/api/retention/cameras/${entry.cameraId}`)).json<{ settings: { retentionDays: number } }>();
      expect(entry.configuredDays).toBe(status.settings.retentionDays);
      expect(text).toMatch(new RegExp(`${entry.cameraId}\\s+${entry.configuredDays}\\b`));
    }
    expect(pkg.retention.cameras.map((c) => c.configuredDays).sort()).toEqual([30, 45]);

    // The register: May's entries of S1's cameras, as GET /api/register counts them for the same instants.
    const from = '2025-04-30T16:00:00.000Z';
    const to = '2025-05-31T16:00:00.000Z';
    let viaApi = 0;
    for (const cameraId of w.s1Cameras) viaApi += (await t.call('GET', `/api/register?from=${from}&to=${to}&cameraId=${cameraId}`)).json<{ total: number }>().total;
    expect(pkg.accessRegister.total).toBe(viaApi);
    expect(pkg.accessRegister.total).toBe(2);
    expect(text).toMatch(new RegExp(`登记条数 Entries\\s+${pkg.accessRegister.total}\\b`));
    expect(pkg.accessRegister.verification.ok).toBe(true);

    // The ledger's latest signed checkpoint, as GET /api/ledger/checkpoints reports it.
    const [latest] = (await t.call('GET', '/api/ledger/checkpoints?limit=1')).json<{ treeSize: number; rootHash: string }[]>();
    expect(pkg.security.ledger.checkpoint?.treeSize).toBe(latest!.treeSize);
    expect(pkg.security.ledger.checkpoint?.rootHash).toBe(latest!.rootHash);
    expect(text).toMatch(new RegExp(`Checkpoint tree size\\s+${latest!.treeSize}\\b`));
    expect(text).toContain(latest!.rootHash);
    expect(text).toContain(pkg.security.ledger.publicKey!.fingerprintSha256);
    expect(pkg.security.ledger.verification.ok).toBe(true);
    expect(text).toContain(pkg.integrity.sha256);
  });

  it('REG-24-1: sections hold the filing, placement, signs with photo evidence, trustees, controls and open findings', () => {
    expect(pkg.scope).toEqual({ type: 'SITE', siteIds: [w.s1] });
    expect(pkg.period).toEqual({ from: '2025-05-01', to: '2025-05-31' });
    expect(pkg.filing).toHaveLength(1);
    expect(pkg.filing[0]).toMatchObject({ siteId: w.s1, required: true, status: 'NOT_FILED', history: [] });
    expect(pkg.inventory.cameras.find((c) => c.cameraId === w.s1Cameras[0])).toMatchObject({ position: { x: 15, y: 5 }, headingDeg: 0, audioEnabled: false, status: 'INACTIVE' });
    expect(pkg.signage.signs).toHaveLength(1);
    expect(pkg.signage.signs[0]).toMatchObject({ photoEvidence: 'PRESENT', cameraIds: [w.s1Cameras[0]] });
    expect(pkg.trustees.installers).toEqual([{ unitId: w.unitId, name: '某商贸有限公司', cameras: 2 }]);
    expect(pkg.security.controls.map((c) => c.control)).toContain('auditLog');
    expect(pkg.findings.items.every((f) => f.subjectId === w.unitId || f.subjectId === w.s1 || w.s1Cameras.includes(f.subjectId) || f.subjectType === 'sign')).toBe(true);
    expect(pkg.findings.items.some((f) => f.subjectId === w.s2 || f.subjectId === w.s2Camera)).toBe(false);
    expect(pkg.generatedBy).toMatchObject({ name: '赵警官', unit: '杭州市公安局西湖区分局', inspector: true });
  });

  it('REG-24-1: the inspector of S1 gets no package of S2 nor of the whole unit, and cannot download one', async () => {
    const s2 = await t.call('POST', '/api/inspection-packages', { siteId: w.s2, period: '2025-05' }, i1.headers);
    expect(s2.statusCode).toBe(404);
    const unit = await t.call('POST', '/api/inspection-packages', { unitId: w.unitId, period: '2025-05' }, i1.headers);
    expect(unit.statusCode).toBe(404);
    const auditor = await makeUser(t, { unitId: w.unitId, grants: [{ role: 'AUDITOR', scope: { type: 'UNIT', id: w.unitId } }] });
    const other = await t.call('POST', '/api/inspection-packages', { siteId: w.s2, period: { from: '2025-05-01', to: '2025-05-31' } }, await t.tokenHeaders(auditor.userId));
    expect(other.statusCode, other.body).toBe(201);
    const otherId = other.json<InspectionPackage>().id;
    expect((await t.call('GET', `/api/inspection-packages/${otherId}.json`, undefined, i1.headers)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/inspection-packages/${otherId}.pdf`, undefined, i1.headers)).statusCode).toBe(404);
    const listed = (await t.call('GET', '/api/inspection-packages', undefined, i1.headers)).json<{ id: string }[]>();
    expect(listed.map((p) => p.id)).toEqual([pkg.id]);
  });

  it('REG-24-1: staff without AUDIT or ADMINISTER over the site cannot generate one', async () => {
    const operator = await makeUser(t, { unitId: w.unitId, grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'UNIT', id: w.unitId } }] });
    const response = await t.call('POST', '/api/inspection-packages', { siteId: w.s1, period: '2025-05' }, await t.tokenHeaders(operator.userId));
    expect(response.statusCode).toBe(403);
    expect(response.json<{ code: string }>().code).toBe('E_INSPECTION_NOT_ALLOWED');
  });

  it('REG-24-1: generating a package writes an audit entry', async () => {
    const history = (await t.call('GET', `/api/history?entityType=inspectionPackage&entityId=${pkg.id}`)).json<{ action: string; actor: string; after: { sha256: string } }[]>();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'generate', actor: 'inspector.i1', after: { sha256: pkg.integrity.sha256 } });
  });

  it('REG-24-1: a register altered behind the system’s back shows in the next package as a failed verification', async () => {
    await dropTriggers(t.db);
    const [first] = await t.db.db.selectFrom('accessRegister').select(['seq']).orderBy('seq').limit(1).execute();
    await t.db.db.updateTable('accessRegister').set({ reasonText: '改写过的事由 rewritten' }).where('seq', '=', first!.seq).execute();
    const response = await t.call('POST', '/api/inspection-packages', { siteId: w.s1, period: '2025-05' }, i1.headers);
    expect(response.statusCode, response.body).toBe(201);
    const altered = response.json<InspectionPackage>();
    expect(altered.accessRegister.verification.ok).toBe(false);
    expect(altered.accessRegister.verification.firstBad).toMatch(/^1: /);
    expect(altered.security.ledger.verification.ok).toBe(false);
    const text = pdfText((await t.call('GET', `/api/inspection-packages/${altered.id}.pdf`, undefined, i1.headers)).rawPayload, `package-altered-${dialect}`);
    expect(text).toMatch(/哈希链核验 Chain verified\s+未通过 FAILED/);
  });
});
