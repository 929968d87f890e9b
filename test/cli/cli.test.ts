import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { custos } from '../support/cli.ts';

describe('custos command line', { timeout: 180_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-cli-'));
    env = { CUSTOS_DATA_DIR: path.join(dir, 'data') };
  });

  it('registers a unit, a system and a camera; refuses a fitting-room camera citing art. 8; keeps the history', async () => {
    const unit = await custos(
      ['unit', 'add', '--name', '某商贸有限公司', '--unit-type', 'ENTERPRISE', '--uscc', '91330106MA2AB3C472', '--actor', '张三'],
      env,
    );
    expect(unit.status, unit.stderr).toBe(0);
    const unitId = unit.json<{ id: string }>().id;

    const badSite = await custos(['site', 'add', '--unit-id', unitId, '--name', 'B1', '--admin-division-code', '330100', '--place-category', 'A7_2_1_GATHERING'], env);
    expect(badSite.status).toBe(1);
    expect(badSite.stderr).toContain('E_COUNTY_LEVEL_CODE_REQUIRED');

    const site = await custos(
      ['site', 'add', '--unit-id', unitId, '--name', '商场B1', '--admin-division-code', '330106', '--place-category', 'A7_2_1_GATHERING', '--put-into-use-date', '2026-11-20'],
      env,
    );
    expect(site.status, site.stderr).toBe(0);
    const siteId = site.json<{ id: string }>().id;

    const fitting = await custos(
      ['camera', 'add', '--site-id', siteId, '--name', '试衣间1', '--device-type', 'DOME', '--zone-type', 'Z8_3_FITTING_ROOM', '--installed-by-unit-id', unitId],
      env,
    );
    expect(fitting.status).toBe(1);
    expect(fitting.stderr).toContain('E_PROHIBITED_ZONE');
    expect(fitting.stderr).toContain('8.1(3)');
    expect(fitting.stderr).toMatch(/试衣间/);

    const camera = await custos(
      ['camera', 'add', '--site-id', siteId, '--name', '入口', '--device-type', 'FIXED', '--position', '{"x":1,"y":2}', '--installed-by-unit-id', unitId],
      env,
    );
    expect(camera.status, camera.stderr).toBe(0);
    const cameraId = camera.json<{ id: string; retentionDays: number }>().id;
    expect(camera.json<{ retentionDays: number }>().retentionDays).toBe(30);

    const update = await custos(['camera', 'update', cameraId, '--retention-days', '29'], env);
    expect(update.status).toBe(1);
    expect(update.stderr).toContain('E_RETENTION_BELOW_MINIMUM');

    const list = await custos(['camera', 'list', '--site-id', siteId], env);
    expect(list.stdout.trim().split('\n')).toHaveLength(1);
    expect(list.stdout).toContain('入口');

    const history = (await custos(['unit', 'history', unitId], env)).json<{ actor: string; action: string }[]>();
    expect(history).toEqual([expect.objectContaining({ actor: '张三', action: 'create' })]);

    const draft = await custos(['filing', 'draft', siteId], env);
    expect(draft.status, draft.stderr).toBe(0);
    expect(draft.json()).toMatchObject({ cameraTotal: 1, deadline: { dueDate: '2026-12-21' } });

    const report = await custos(['compliance', 'report', '--at', '2026-11-28'], env);
    expect(report.status, report.stderr).toBe(0);
    expect(report.json<{ filingDeadlines: { dueDate: string }[] }>().filingDeadlines[0]?.dueDate).toBe('2026-12-21');
  });

  it('REG-14-2: prints filing deadlines, rolling past holidays, and 2025-06-30 for pre-existing systems', async () => {
    const labourDay = await custos(['filing', 'deadline', '--put-into-use', '2025-04-03'], env);
    expect(labourDay.status, labourDay.stderr).toBe(0);
    expect(labourDay.json()).toMatchObject({ dueDate: '2025-05-06' });
    const preExisting = await custos(['filing', 'deadline', '--put-into-use', '2024-11-11', '--pre-existing'], env);
    expect(preExisting.json()).toMatchObject({ dueDate: '2025-06-30', preExisting: true });
    const nationalDay = await custos(['filing', 'deadline', '--put-into-use', '2025-09-08'], env);
    expect(nationalDay.json()).toMatchObject({ dueDate: '2025-10-09' });
    const bad = await custos(['filing', 'deadline', '--put-into-use', '2025-13-01'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('E_DATE_FORMAT');
  });

  it('checks a registry snapshot file: exit 1 with BLOCK findings, 0 when clean, 2 on a broken file', async () => {
    const snapshot = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../examples/mall-snapshot.json'), 'utf8')) as {
      cameras: { zoneType: string | null }[];
    };
    const clean = path.join(dir, 'clean.json');
    writeFileSync(clean, JSON.stringify(snapshot));
    const ok = await custos(['compliance', 'check', clean, '--at', '2025-05-20'], env);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);

    const first = snapshot.cameras[0];
    if (first) first.zoneType = 'Z8_3_CHANGING_ROOM';
    const blocked = path.join(dir, 'blocked.json');
    writeFileSync(blocked, JSON.stringify(snapshot));
    const fail = await custos(['compliance', 'check', blocked, '--at', '2025-05-20'], env);
    expect(fail.status).toBe(1);
    expect(fail.json<{ code: string; article: string; severity: string }[]>()).toContainEqual(
      expect.objectContaining({ code: 'E_PROHIBITED_ZONE', article: '8.1(3)', severity: 'BLOCK' }),
    );

    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"units": [}');
    const unreadable = await custos(['compliance', 'check', broken], env);
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toContain('E_SNAPSHOT_UNREADABLE');
  });
});
