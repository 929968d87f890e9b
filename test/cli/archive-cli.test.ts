import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custos } from '../support/cli.ts';

describe('custos archive', { timeout: 180_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-archive-cli-'));
    env = { CUSTOS_DATA_DIR: path.join(dir, 'data') };
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('REG-11-1 and REG-11-2: gates put-into-use on an acceptance record, stores versions, downloads with a reason, and verify finds a corrupted file', async () => {
    const unit = await custos(['unit', 'add', '--name', '某商贸有限公司', '--unit-type', 'ENTERPRISE', '--uscc', '91330106MA2AB3C472'], env);
    expect(unit.status, unit.stderr).toBe(0);
    const site = await custos(
      ['site', 'add', '--unit-id', unit.json<{ id: string }>().id, '--name', '商场B1', '--admin-division-code', '330106', '--place-category', 'A7_2_1_GATHERING'],
      env,
    );
    expect(site.status, site.stderr).toBe(0);
    const siteId = site.json<{ id: string }>().id;

    const refused = await custos(['archive', 'put-into-use', siteId, '--date', '2025-06-01'], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('E_ACCEPTANCE_RECORD_REQUIRED');
    expect(refused.stderr).toMatch(/验收/);

    const file = path.join(dir, '验收报告.pdf');
    writeFileSync(file, '%PDF-1.7 验收报告');
    const uploaded = await custos(
      ['archive', 'upload', siteId, file, '--type', 'ACCEPTANCE', '--title', '竣工验收报告', '--author-unit', '验收组', '--effective-date', '2025-05-20', '--actor', '张三'],
      env,
    );
    expect(uploaded.status, uploaded.stderr).toBe(0);
    const doc = uploaded.json<{ id: string; versions: { fileName: string; uploadedBy: string }[] }>();
    expect(doc.versions).toEqual([expect.objectContaining({ fileName: '验收报告.pdf', uploadedBy: '张三' })]);
    expect((await custos(['archive', 'put-into-use', siteId, '--date', '2025-06-01'], env)).status).toBe(0);

    const out = path.join(dir, 'copy.pdf');
    const download = await custos(['archive', 'download', doc.id, '1', '--reason', '年度检查', '--out', out], env);
    expect(download.status, download.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('%PDF-1.7 验收报告');

    expect((await custos(['archive', 'verify'], env)).status).toBe(0);
    writeFileSync(path.join(dir, 'data', 'archive', siteId, doc.id, 'v1'), 'tampered');
    const verify = await custos(['archive', 'verify'], env);
    expect(verify.status).toBe(1);
    expect(verify.json<{ results: unknown[] }>().results).toEqual([expect.objectContaining({ docId: doc.id, version: 1, valid: false })]);
  });
});
