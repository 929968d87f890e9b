import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { docMeta, filesUnder, sha256, uploadDoc, uploadVersion } from '../support/archive.ts';
import { seedSite } from '../support/fixtures.ts';
import { makeUser } from '../support/access.ts';

interface VersionView {
  version: number;
  sha256: string;
  sizeBytes: number;
  uploadedBy: string;
  uploadedAt: string;
  authorUnit: string;
  effectiveDate: string;
  fileName: string;
}
interface DocView {
  id: string;
  siteId: string;
  docType: string;
  currentVersion: number;
  standardCodes: string[];
  versions: VersionView[];
}

describe.each(DIALECTS)('system archive on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  const archiveRoot = () => path.join(t.dataDir, 'archive');

  it('REG-11-1: stores a typed document with version, SHA-256, size, uploader, upload time, author unit and effective date', async () => {
    const { unit, site } = await seedSite(t);
    const zhang = await makeUser(t, { username: 'zhangsan', displayName: '张三', unitId: unit.id, grants: [{ role: 'ADMINISTRATOR' }] });
    const bytes = Buffer.from('%PDF-1.7 设计方案 v1');
    const response = await uploadDoc(t, site.id, bytes, docMeta({ type: 'DESIGN', title: '系统设计方案', authorUnit: '某设计院' }), await t.tokenHeaders(zhang.userId));
    expect(response.statusCode, response.body).toBe(201);
    const doc = response.json<DocView>();
    expect(doc).toMatchObject({ siteId: site.id, docType: 'DESIGN', currentVersion: 1, standardCodes: [] });
    expect(doc.versions).toEqual([
      expect.objectContaining({ version: 1, sha256: sha256(bytes), sizeBytes: bytes.length, uploadedBy: 'zhangsan', uploadedAt: '2025-06-01T02:00:00.000Z', authorUnit: '某设计院', effectiveDate: '2025-05-20', fileName: '验收报告.pdf' }),
    ]);
    expect(filesUnder(archiveRoot())).toEqual([path.join(site.id, doc.id, 'v1')]);
    expect(readFileSync(path.join(archiveRoot(), site.id, doc.id, 'v1'))).toEqual(bytes);
    expect((await t.call('GET', `/api/sites/${site.id}/archive`)).json<DocView[]>().map((d) => d.id)).toEqual([doc.id]);
    const history = (await t.call('GET', `/api/history?entityType=archiveDocument&entityId=${doc.id}`)).json<{ action: string; actor: string }[]>();
    expect(history).toEqual([expect.objectContaining({ action: 'upload', actor: 'zhangsan' })]);
  });

  it('REG-11-1: re-uploading a document creates v2, and v1 stays retrievable with its hash unchanged', async () => {
    const { site } = await seedSite(t);
    const v1 = Buffer.from('施工记录 第一版');
    const doc = (await uploadDoc(t, site.id, v1, docMeta({ type: 'CONSTRUCTION' }))).json<DocView>();
    const v2 = Buffer.from('施工记录 第二版(补充隐蔽工程)');
    const response = await uploadVersion(t, doc.id, v2, { fileName: 'construction-v2.pdf', effectiveDate: '2025-05-28' });
    expect(response.statusCode, response.body).toBe(201);
    const after = response.json<DocView>();
    expect(after.currentVersion).toBe(2);
    expect(after.versions.map((v) => [v.version, v.sha256, v.effectiveDate])).toEqual([
      [1, sha256(v1), '2025-05-20'],
      [2, sha256(v2), '2025-05-28'],
    ]);
    const one = await t.call('GET', `/api/archive/${doc.id}/versions/1/content?reason=${encodeURIComponent('核对施工记录')}`);
    expect(one.statusCode).toBe(200);
    expect(one.rawPayload).toEqual(v1);
    expect(one.headers['x-content-sha256']).toBe(sha256(v1));
    expect(sha256(one.rawPayload)).toBe(doc.versions[0]!.sha256);
    const two = await t.call('GET', `/api/archive/${doc.id}/versions/2/content?reason=${encodeURIComponent('核对施工记录')}`);
    expect(two.rawPayload).toEqual(v2);
    expect(two.headers['content-disposition']).toContain("filename*=UTF-8''construction-v2.pdf");
    expect((await t.call('GET', `/api/archive/${doc.id}/versions/3/content?reason=x`)).statusCode).toBe(404);
  });

  it('REG-11-1: STANDARDS_APPLIED lists standard codes such as GB 50348-2018; other types list none', async () => {
    const { site } = await seedSite(t);
    const meta = docMeta({ type: 'STANDARDS_APPLIED', title: '执行标准清单', standardCodes: 'GB 50348-2018,GB/T 28181-2022' });
    const doc = await uploadDoc(t, site.id, 'standards', meta);
    expect(doc.statusCode, doc.body).toBe(201);
    expect(doc.json<DocView>().standardCodes).toEqual(['GB 50348-2018', 'GB/T 28181-2022']);
    const none = await uploadDoc(t, site.id, 'standards', docMeta({ type: 'STANDARDS_APPLIED' }));
    expect(none.json()).toMatchObject({ code: 'E_STANDARD_CODES_REQUIRED', article: '11' });
    expect(none.json().messages.zh).toMatch(/标准/);
    expect((await uploadDoc(t, site.id, 'x', docMeta({ standardCodes: 'GB 50348-2018' }))).json().code).toBe('E_STANDARD_CODES_NOT_APPLICABLE');
    expect((await uploadDoc(t, site.id, 'x', { ...meta, standardCodes: 'not a standard' })).json().code).toBe('E_STANDARD_CODE_FORMAT');
    const pack = (await t.call('GET', '/api/meta/archive')).json<{ standards: { code: string }[]; documentTypes: string[] }>();
    expect(pack.standards.map((s) => s.code)).toContain('GB 50348-2018');
    expect(pack.documentTypes).toHaveLength(6);
  });

  it('REG-11-1: an A7 system without an acceptance document cannot be put into use; with one it can', async () => {
    const { site } = await seedSite(t, { putIntoUseDate: null });
    const refused = await t.call('POST', `/api/sites/${site.id}/put-into-use`, { date: '2025-06-01' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'E_ACCEPTANCE_RECORD_REQUIRED', article: '11' });
    expect(refused.json().messages.zh).toMatch(/验收/);
    expect((await t.call('GET', `/api/sites/${site.id}`)).json().putIntoUseDate).toBeNull();

    await uploadDoc(t, site.id, 'design', docMeta({ type: 'DESIGN' }));
    expect((await t.call('POST', `/api/sites/${site.id}/put-into-use`, { date: '2025-06-01' })).statusCode).toBe(409);
    expect((await uploadDoc(t, site.id, 'acceptance')).statusCode).toBe(201);
    const ok = await t.call('POST', `/api/sites/${site.id}/put-into-use`, { date: '2025-06-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().putIntoUseDate).toBe('2025-06-01');
    const history = (await t.call('GET', `/api/sites/${site.id}/history`)).json<{ action: string }[]>();
    expect(history.map((h) => h.action)).toEqual(['create', 'put-into-use']);
    const report = (await t.call('GET', '/api/compliance')).json<{ sites: { findings: { ruleId: string }[] }[] }>();
    expect(report.sites[0]!.findings.filter((f) => f.ruleId === 'REG-11-1')).toEqual([]);
    const again = await t.call('POST', `/api/sites/${site.id}/put-into-use`, { date: '2025-06-02' });
    expect(again.json()).toMatchObject({ code: 'E_SITE_ALREADY_IN_USE' });
    expect((await t.call('POST', '/api/sites/site_unknown/put-into-use', { date: '2025-06-01' })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/sites/${site.id}/put-into-use`, { date: '2025-13-01' })).statusCode).toBe(422);
  });

  it('REG-11-1 and REG-09-2: an A9 system is put into use with an ADVISORY finding; an A33 system has none', async () => {
    const a9 = (await seedSite(t, { putIntoUseDate: null, placeCategory: 'A9_OTHER_PUBLIC' })).site;
    const ok = await t.call('POST', `/api/sites/${a9.id}/put-into-use`, { date: '2025-06-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    const findingsOf = async (siteId: string) =>
      (await t.call('GET', '/api/compliance')).json<{ sites: { siteId: string; findings: { ruleId: string; severity: string; article: string }[] }[] }>()
        .sites.find((s) => s.siteId === siteId)!
        .findings.filter((f) => f.ruleId === 'REG-11-1');
    expect(await findingsOf(a9.id)).toEqual([expect.objectContaining({ severity: 'ADVISORY', article: '11' })]);

    const unit = (await t.call('GET', '/api/units')).json<{ id: string }[]>()[0]!;
    const a33 = await t.call('POST', '/api/sites', { unitId: unit.id, name: '员工通道', adminDivisionCode: '330106', placeCategory: 'A33_NON_PUBLIC' });
    expect((await t.call('POST', `/api/sites/${a33.json().id}/put-into-use`, { date: '2025-06-01' })).statusCode).toBe(200);
    expect(await findingsOf(a33.json().id)).toEqual([]);
  });

  it('REG-11-1: the compliance report shows an A7 system in use without an acceptance record as NONCOMPLIANT', async () => {
    const { site } = await seedSite(t, { putIntoUseDate: '2025-05-10' });
    const report = (await t.call('GET', '/api/compliance')).json<{ sites: { findings: { ruleId: string; severity: string; code: string }[] }[] }>();
    expect(report.sites[0]!.findings.filter((f) => f.ruleId === 'REG-11-1')).toEqual([
      expect.objectContaining({ severity: 'NONCOMPLIANT', code: 'E_ACCEPTANCE_RECORD_REQUIRED' }),
    ]);
    await uploadDoc(t, site.id, 'acceptance');
    const after = (await t.call('GET', '/api/compliance')).json<{ sites: { findings: { ruleId: string }[] }[] }>();
    expect(after.sites[0]!.findings.filter((f) => f.ruleId === 'REG-11-1')).toEqual([]);
  });

  it('REG-11-2: DELETE on a live system returns 405 E_ARCHIVE_RETENTION and the document stays', async () => {
    const { site } = await seedSite(t);
    const doc = (await uploadDoc(t, site.id, 'acceptance')).json<DocView>();
    const response = await t.call('DELETE', `/api/archive/${doc.id}`);
    expect(response.statusCode).toBe(405);
    expect(response.json()).toMatchObject({ code: 'E_ARCHIVE_RETENTION', article: '11', details: { retentionYearsAfterDecommission: 5 } });
    expect(response.json().messages.zh).toMatch(/保存/);
    expect((await t.call('GET', `/api/archive/${doc.id}`)).statusCode).toBe(200);
    expect(filesUnder(archiveRoot())).toHaveLength(1);
    expect((await t.call('DELETE', '/api/archive/arc_missing')).statusCode).toBe(404);
  });

  it('REG-11-2: a download without a reason returns 422 E_REASON_REQUIRED; each download is recorded with who, when and why', async () => {
    const { unit, site } = await seedSite(t);
    const li = await makeUser(t, { username: 'lisi', displayName: '李四', unitId: unit.id, grants: [{ role: 'AUDITOR' }] });
    const doc = (await uploadDoc(t, site.id, 'acceptance')).json<DocView>();
    for (const query of ['', '?reason=', '?reason=%20%20']) {
      const refused = await t.call('GET', `/api/archive/${doc.id}/versions/1/content${query}`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'E_REASON_REQUIRED' });
    }
    t.clock.set('2025-06-02T03:00:00Z');
    const ok = await t.call('GET', `/api/archive/${doc.id}/versions/1/content?reason=${encodeURIComponent('公安机关检查')}&unit=${encodeURIComponent('某保卫部')}`, undefined, await t.tokenHeaders(li.userId));
    expect(ok.statusCode).toBe(200);
    const history = (await t.call('GET', `/api/history?entityType=archiveDocument&entityId=${doc.id}`)).json<{ action: string; actor: string; at: string; after: Record<string, unknown> }[]>();
    expect(history.map((h) => h.action)).toEqual(['upload', 'download']);
    expect(history[1]).toMatchObject({ actor: 'lisi', at: '2025-06-02T03:00:00.000Z', after: { version: 1, reason: '公安机关检查', viewerUnit: '某保卫部', sha256: doc.versions[0]!.sha256 } });
  });

  it('REG-11-2: verification re-hashes every version and reports a corrupted or missing file as valid:false', async () => {
    const { site } = await seedSite(t);
    const a = (await uploadDoc(t, site.id, 'acceptance v1')).json<DocView>();
    await uploadVersion(t, a.id, 'acceptance v2', { fileName: 'v2.pdf' });
    const b = (await uploadDoc(t, site.id, 'design', docMeta({ type: 'DESIGN' }))).json<DocView>();
    const clean = (await t.call('POST', '/api/archive/verify')).json<{ checked: number; invalid: number }>();
    expect(clean).toMatchObject({ checked: 3, invalid: 0 });

    writeFileSync(path.join(archiveRoot(), site.id, a.id, 'v1'), 'acceptance v1, edited');
    const result = (await t.call('POST', '/api/archive/verify')).json<{ invalid: number; results: { docId: string; version: number; valid: boolean; problem: string | null }[] }>();
    expect(result.invalid).toBe(1);
    expect(result.results.filter((r) => !r.valid)).toEqual([expect.objectContaining({ docId: a.id, version: 1, valid: false, problem: 'HASH_MISMATCH' })]);
    expect(result.results.filter((r) => r.valid).map((r) => `${r.docId}/${r.version}`).sort()).toEqual([`${a.id}/2`, `${b.id}/1`].sort());
    const runs = (await t.call('GET', '/api/history?entityType=archiveVerification')).json<{ after: { invalid: unknown[] } }[]>();
    expect(runs.map((r) => r.after.invalid.length)).toEqual([0, 1]);
  });

  it('refuses bad metadata, unknown systems and empty bodies, leaving neither a file nor a row', async () => {
    const { site } = await seedSite(t);
    const cases: [string, Record<string, string>, string | Buffer, number, string][] = [
      [site.id, docMeta({ type: 'MINUTES' }), 'x', 422, 'E_ARCHIVE_TYPE_UNKNOWN'],
      [site.id, docMeta({ effectiveDate: '2025-02-30' }), 'x', 422, 'E_VALIDATION'],
      [site.id, docMeta({ fileName: '../../etc/passwd' }), 'x', 422, 'E_FILE_NAME_INVALID'],
      [site.id, { ...docMeta(), extra: '1' }, 'x', 422, 'E_UNKNOWN_FIELD'],
      [site.id, docMeta(), Buffer.alloc(0), 422, 'E_ARCHIVE_FILE_EMPTY'],
      ['site_unknown', docMeta(), 'x', 404, 'E_NOT_FOUND'],
      ['../../etc', docMeta(), 'x', 404, 'E_NOT_FOUND'],
    ];
    for (const [siteId, meta, bytes, status, code] of cases) {
      const response = await uploadDoc(t, siteId, bytes, meta);
      expect(response.statusCode, `${code}: ${response.body}`).toBe(status);
      expect(response.json().code).toBe(code);
    }
    const json = await t.call('POST', `/api/sites/${site.id}/archive?${new URLSearchParams(docMeta()).toString()}`, { not: 'bytes' });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
    expect(filesUnder(t.dataDir)).toEqual([]);
    expect((await t.call('GET', `/api/sites/${site.id}/archive`)).json()).toEqual([]);
    expect((await t.call('GET', '/api/history?entityType=archiveDocument')).json()).toEqual([]);
  });
});
