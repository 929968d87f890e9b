import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { custos } from '../support/cli.ts';

describe('custos asset, conformance, advisory and remediation commands', { timeout: 180_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-cli-assets-'));
    env = { CUSTOS_DATA_DIR: path.join(dir, 'data') };
  });

  it('REG-02-2, REG-12-1, REG-12-2: registers an NVR, refuses to retire it while it holds footage, imports an advisory and records the remedy', async () => {
    const unitId = (await custos(['unit', 'add', '--name', '某商贸有限公司', '--unit-type', 'ENTERPRISE', '--uscc', '91330106MA2AB3C472'], env)).json<{ id: string }>().id;
    const site = await custos(['site', 'add', '--unit-id', unitId, '--name', '商场', '--admin-division-code', '330106', '--place-category', 'A7_2_1_GATHERING'], env);
    const siteId = site.json<{ id: string }>().id;
    const camera = await custos(
      ['camera', 'add', '--site-id', siteId, '--name', '入口', '--device-type', 'FIXED', '--manufacturer', 'AcmeCam', '--model', 'X200', '--firmware-version', '5.7.1'],
      env,
    );
    expect(camera.status, camera.stderr).toBe(0);
    const nvr = await custos(['asset', 'add', '--site-id', siteId, '--asset-type', 'RECORDER', '--name', 'NVR-1', '--holds-footage', 'true', '--actor', '张三'], env);
    expect(nvr.status, nvr.stderr).toBe(0);
    const nvrId = nvr.json<{ id: string }>().id;

    const retire = await custos(['asset', 'deactivate', nvrId], env);
    expect(retire.status).toBe(1);
    expect(retire.stderr).toContain('E_ASSET_HAS_DATA');
    const inventory = await custos(['asset', 'inventory', siteId], env);
    expect(inventory.json<{ type: string }[]>().map((i) => i.type).sort()).toEqual(['CAMERA', 'RECORDER']);

    const declared = await custos(['conformance', 'add', '--device-kind', 'asset', '--device-id', nvrId, '--standard', 'GB 35114-2017', '--level', 'B', '--evidence-doc-id', 'D9'], env);
    expect(declared.status, declared.stderr).toBe(0);

    const file = path.join(dir, 'acme.csv');
    writeFileSync(file, 'vendor,model,affected,severity,fixedVersion,reference\nAcmeCam,X200,<5.7.3,critical,5.7.3,ACME-1\n');
    const imported = await custos(['advisory', 'import', file], env);
    expect(imported.status, imported.stderr).toBe(0);
    const [task] = imported.json<{ tasks: { id: string; severity: string }[] }>().tasks;
    expect(task?.severity).toBe('CRITICAL');
    const refused = await custos(['remediation', 'update', task!.id, '--status', 'CLOSED'], env);
    expect(refused.stderr).toContain('E_REMEDIATION_EVIDENCE_REQUIRED');
    const closed = await custos(['remediation', 'update', task!.id, '--status', 'CLOSED', '--evidence', '固件已升级至 5.7.3'], env);
    expect(closed.json<{ status: string }>().status).toBe('CLOSED');
  });
});
