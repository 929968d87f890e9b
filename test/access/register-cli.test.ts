import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterService } from '../../src/access/register/register-service.ts';
import { connectDatabase, migrateToLatest } from '../../src/db/connect.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { custos } from '../support/cli.ts';
import { pdfPagesText } from '../filing/pdf-text.ts';
import { dropTriggers, LI, playbackContent, REASON, ZHANG } from './register-support.ts';

describe('custos register', { timeout: 120_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  const dbUrl = () => `sqlite:${path.join(dir, 'custos.db')}`;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-register-cli-'));
    env = { CUSTOS_DATA_DIR: dir };
    const handle = connectDatabase(dbUrl());
    await migrateToLatest(handle);
    const register = new RegisterService({ db: handle.db, clock: fixedClock('2025-05-01T03:00:00Z') });
    await register.open(ZHANG, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C1') });
    await register.open(LI, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C2') });
    await register.open(ZHANG, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C1') });
    await handle.close();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists by camera, exports CSV and PDF atomically, and verify catches an edit made in the database', async () => {
    const list = await custos(['register', 'list', '--camera', 'C1', '--json'], env);
    expect(list.status, list.stderr).toBe(0);
    expect(list.json<{ total: number; entries: { seq: number }[] }>()).toMatchObject({ total: 2, entries: [{ seq: 3 }, { seq: 1 }] });
    const plain = await custos(['register', 'list'], env);
    expect(plain.stdout).toContain('张三');
    expect(plain.stdout).toContain('(3 / 3)');

    const csvFile = path.join(dir, 'register.csv');
    const csv = await custos(['register', 'export', '--format', 'csv', '--out', csvFile, '--camera', 'C2'], env);
    expect(csv.status, csv.stderr).toBe(0);
    const lines = readFileSync(csvFile, 'utf8').trim().split('\r\n');
    expect(lines[0]).toContain('reason,content,actorUnit,actorName,approver,basisRef,start,end');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('李四');
    const pdfFile = path.join(dir, 'register.pdf');
    expect((await custos(['register', 'export', '--format', 'pdf', '--out', pdfFile], env)).status).toBe(0);
    expect((await pdfPagesText(readFileSync(pdfFile))).join('')).toContain('调用人员单位');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const badFormat = await custos(['register', 'export', '--format', 'xls', '--out', csvFile], env);
    expect(badFormat.status).toBe(1);
    expect(badFormat.stderr).toContain('E_FORMAT_INVALID');

    const good = await custos(['register', 'verify'], env);
    expect(good.status, good.stderr).toBe(0);
    expect(good.json()).toMatchObject({ ok: true, entries: 3 });

    const handle = connectDatabase(dbUrl());
    await dropTriggers(handle);
    await handle.db.updateTable('accessRegister').set({ actorName: '无名氏' }).where('seq', '=', 2).execute();
    const second = await handle.db.selectFrom('accessRegister').select('id').where('seq', '=', 2).executeTakeFirstOrThrow();
    await handle.close();
    const bad = await custos(['register', 'verify'], env);
    expect(bad.status).toBe(1);
    expect(bad.json()).toMatchObject({ ok: false, entries: 1, firstBad: { seq: 2, id: second.id, problem: 'ENTRY_HASH_MISMATCH' } });
    expect(bad.stderr).toContain(`seq 2, entry ${second.id}`);
  });
});
