/** `custos tamper show|set|relearn|history` (REG-23-2): the camera's settings and re-learns from the command line, as a user. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { custos } from '../support/cli.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/custos.mjs');

function createAdmin(env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, 'admin', 'create', '--username', 'root.admin', '--display-name', '管理员', '--password-stdin'], { env: { PATH: process.env.PATH ?? '', ...env } }, (error) =>
      resolve(error ? (typeof error.code === 'number' ? error.code : null) : 0),
    );
    child.stdin?.end('a strong first password\n');
  });
}

describe('custos tamper', { timeout: 180_000 }, () => {
  it('REG-23-2: shows, sets the sensitivity, refuses a re-learn without a reason, re-learns with one and lists it', async () => {
    const env = { CUSTOS_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), 'custos-tamper-cli-')), 'data') };
    expect(await createAdmin(env)).toBe(0);
    const unitId = (await custos(['unit', 'add', '--name', '某商贸有限公司', '--unit-type', 'ENTERPRISE', '--uscc', '91330106MA2AB3C472'], env)).json<{ id: string }>().id;
    const siteId = (await custos(['site', 'add', '--unit-id', unitId, '--name', '商场', '--admin-division-code', '330106', '--place-category', 'A7_2_1_GATHERING'], env)).json<{ id: string }>().id;
    const camera = await custos(['camera', 'add', '--site-id', siteId, '--name', '入口', '--device-type', 'FIXED'], env);
    expect(camera.status, camera.stderr).toBe(0);
    const cameraId = camera.json<{ id: string }>().id;
    const as = ['--as', 'root.admin'];

    const shown = await custos(['tamper', 'show', cameraId, ...as], env);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.json()).toMatchObject({ enabled: true, sensitivity: 'MEDIUM', learnedAt: null });
    const set = await custos(['tamper', 'set', cameraId, '--sensitivity', 'high', ...as], env);
    expect(set.json()).toMatchObject({ enabled: true, sensitivity: 'HIGH' });
    const refused = await custos(['tamper', 'relearn', cameraId, '--reason', 'moved', ...as], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('E_TAMPER_RELEARN_REASON');
    const relearnt = await custos(['tamper', 'relearn', cameraId, '--reason', '摄像机按工单 4411 调整至新入口方向', ...as], env);
    expect(relearnt.status, relearnt.stderr).toBe(0);
    const history = await custos(['tamper', 'history', cameraId, ...as], env);
    expect(history.json<{ reason: string }[]>().map((h) => h.reason)).toEqual(['摄像机按工单 4411 调整至新入口方向']);
  });
});
