/**
 * The running server (`custos serve`) wired with `events.syslog`: the first administrator created
 * through the setup link reaches the syslog collector as SEC_ADMIN_CREATED with the setup request's
 * address; brute-force sign-in follows it; the server closes with the output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.ts';
import { startServer, type RunningServer } from '../../../src/server.ts';
import { TEST_PASSWORD } from '../../support/app.ts';
import { udpListener, type SyslogListener } from './syslog-listener.ts';

describe('the server with a syslog collector', () => {
  let dir: string;
  let server: RunningServer;
  let collector: SyslogListener;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-server-syslog-'));
    collector = await udpListener();
    const config = loadConfig({
      env: {
        CUSTOS_DATA_DIR: dir,
        CUSTOS_SERVER_PORT: '0',
        CUSTOS_DEMO_ENABLED: 'false',
        CUSTOS_RECORDING_ENABLED: 'false',
        CUSTOS_SYSLOG_HOST: '127.0.0.1',
        CUSTOS_SYSLOG_PORT: String(collector.port),
      },
    });
    server = await startServer(config, { logger: false, printSetupLink: false });
  });
  afterAll(async () => {
    await server.close();
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('REG-23-4: the first administrator through the setup link is SEC_ADMIN_CREATED at the collector, with the source address', async () => {
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupToken, username: 'first_admin', password: TEST_PASSWORD, displayName: '管理员' }),
    });
    expect(setup.status).toBe(201);
    const message = await collector.waitFor((m) => m.includes('SEC_ADMIN_CREATED'), 5000);
    expect(message).toMatch(/actor="SYSTEM_SETUP" target="first_admin" src="127\.0\.0\.1"/);

    for (let i = 0; i < 5; i++) {
      await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'first_admin', password: `not the password ${i}` }) });
    }
    expect(await collector.waitFor((m) => m.includes('SECURITY_BRUTE_FORCE'), 5000)).toContain('target="first_admin"');
  });
});
