/** `custos inspection package --site S --period 2025-05 --out DIR` writes the stored package as JSON and PDF (REG-24-1). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { inspectionPackage } from '../../src/inspection/package-schema.ts';
import { custos } from '../support/cli.ts';

describe('custos inspection package', { timeout: 180_000 }, () => {
  it('REG-24-1: writes the package of a site for a month as JSON (schema-valid) and a PDF with the nine sections', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'custos-cli-inspection-'));
    const env = { CUSTOS_DATA_DIR: path.join(dir, 'data') };
    const unitId = (await custos(['unit', 'add', '--name', '某商贸有限公司', '--unit-type', 'ENTERPRISE', '--uscc', '91330106MA2AB3C472'], env)).json<{ id: string }>().id;
    const siteId = (await custos(['site', 'add', '--unit-id', unitId, '--name', '商场', '--admin-division-code', '330106', '--place-category', 'A7_2_1_GATHERING'], env)).json<{ id: string }>().id;
    const camera = await custos(['camera', 'add', '--site-id', siteId, '--name', '入口', '--device-type', 'FIXED'], env);
    expect(camera.status, camera.stderr).toBe(0);

    const out = path.join(dir, 'out');
    const result = await custos(['inspection', 'package', '--site', siteId, '--period', '2025-05', '--out', out], env);
    expect(result.status, result.stderr).toBe(0);
    const written = result.json<{ id: string; sha256: string; signed: boolean; json: string; pdf: string }>();
    const pkg = inspectionPackage.parse(JSON.parse(readFileSync(written.json, 'utf8')));
    expect(pkg).toMatchObject({ id: written.id, scope: { type: 'SITE', siteIds: [siteId] }, period: { from: '2025-05-01', to: '2025-05-31' }, inventory: { cameraCount: 1 } });
    expect(pkg.integrity.sha256).toBe(written.sha256);
    expect(written.signed).toBe(true);
    const text = execFileSync('pdftotext', [written.pdf, '-'], { encoding: 'utf8' });
    expect(text.match(/[一二三四五六七八九]、/g)).toHaveLength(9);

    const refused = await custos(['inspection', 'package', '--site', siteId, '--period', '2025-13', '--out', out], env);
    expect(refused.status).not.toBe(0);
  });
});
