/**
 * `custos security events` lists the security alarms; `custos ledger verify` on a register edited
 * behind the application exits 1 and leaves a VERIFICATION_FAILED alarm (art. 23(5)) that the listing shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/app/services.ts';
import { sinceOf } from '../../../src/cli/commands/security-events.ts';
import { connectDatabase, migrateToLatest } from '../../../src/db/connect.ts';
import type { AlarmRecord } from '../../../src/events/alarm-model.ts';
import { fixedClock } from '../../../src/shared/clock.ts';
import { dropTriggers, playbackContent, REASON, ZHANG } from '../../access/register-support.ts';
import { custos } from '../../support/cli.ts';
import { tcpListener } from './syslog-listener.ts';

describe('custos security events', { timeout: 120_000 }, () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-security-cli-'));
    env = { CUSTOS_DATA_DIR: dir, CUSTOS_FROM_SOURCE: '1' };
    const handle = connectDatabase(`sqlite:${path.join(dir, 'custos.db')}`);
    await migrateToLatest(handle);
    const services = createServices(handle.db, fixedClock(new Date(Date.now() - 3_600_000)), dir);
    await services.alarms.raise({ kind: 'SEC_ADMIN_CREATED', subject: 'second_admin', details: { actor: 'tester', target: 'second_admin', sourceAddress: '10.0.0.9' } });
    await services.alarms.raise({ kind: 'CAMERA_OFFLINE', cameraId: null, subject: 'cam-x' });
    await services.register.open(ZHANG, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C1') });
    await services.register.open(ZHANG, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C1') });
    await dropTriggers(handle);
    await handle.db.updateTable('accessRegister').set({ actorName: '无名氏' }).where('seq', '=', 2).execute();
    await handle.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the security alarms only; a failed `ledger verify` adds VERIFICATION_FAILED by cli', async () => {
    const before = await custos(['security', 'events', '--json'], env);
    expect(before.status, before.stderr).toBe(0);
    expect(before.json<AlarmRecord[]>().map((a) => a.kind)).toEqual(['SEC_ADMIN_CREATED']);
    const plain = await custos(['security', 'events', '--since', '2h'], env);
    expect(plain.stdout).toMatch(/SEC_ADMIN_CREATED\s+EVENT\s+art\. 23\(3\)\s+second_admin\s+actor=tester\s+target=second_admin\s+sourceAddress=10\.0\.0\.9/);
    expect(plain.stdout).toContain('(1) 安全事件 / security events since');

    const collector = await tcpListener();
    const verify = await custos(['ledger', 'verify'], { ...env, CUSTOS_SYSLOG_HOST: '127.0.0.1', CUSTOS_SYSLOG_PORT: String(collector.port), CUSTOS_SYSLOG_PROTOCOL: 'tcp' });
    expect(verify.status).toBe(1);
    // The command's alarm reached the collector before the command ended.
    expect(await collector.waitFor((m) => m.includes('VERIFICATION_FAILED'))).toContain('subject="LEDGER"');
    await collector.close();
    const after = await custos(['security', 'events', '--json'], env);
    const failed = after.json<AlarmRecord[]>().find((a) => a.kind === 'VERIFICATION_FAILED');
    expect(failed).toMatchObject({ severity: 'CRITICAL', subject: 'LEDGER', details: { what: 'LEDGER', by: 'cli', firstBadSeq: 2 } });
    expect((await custos(['security', 'events', '--since', '30m', '--json'], env)).json<AlarmRecord[]>().map((a) => a.kind)).toEqual(['VERIFICATION_FAILED']);
    const bad = await custos(['security', 'events', '--since', 'yesterday-ish'], env);
    expect(bad.status).not.toBe(0);
  });

  it('reads --since as an instant or a span back from now', () => {
    const now = new Date('2025-06-01T12:00:00Z');
    expect(sinceOf('24h', now)).toBe('2025-05-31T12:00:00.000Z');
    expect(sinceOf('30m', now)).toBe('2025-06-01T11:30:00.000Z');
    expect(sinceOf('2025-05-01T08:00:00+08:00', now)).toBe('2025-05-01T00:00:00.000Z');
    expect(() => sinceOf('soon', now)).toThrow(/ISO 8601/);
  });
});
