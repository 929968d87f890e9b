/**
 * `custos gb28181`: the commands go through the directory service as the named user. A CLI process
 * runs no SIP platform (the server does), so they answer E_GB_DISABLED here; the service behind them is
 * tested with a platform in test/gb28181/directory.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from '../../src/db/connect.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { custos } from '../support/cli.ts';
import { TEST_PASSWORD } from '../support/app.ts';

const DEVICE = '34020000001180000001';
const CHANNEL = '34020000001310000001';

describe('custos gb28181', { timeout: 120_000 }, () => {
  let env: Record<string, string>;
  let db: DbHandle;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'custos-cli-gb-'));
    env = { CUSTOS_DATA_DIR: path.join(dir, 'data'), CUSTOS_DEMO_ENABLED: 'false' };
    expect((await custos(['migrate'], env)).status).toBe(0);
    db = connectDatabase(`sqlite:${path.join(dir, 'data', 'custos.db')}`);
    await migrateToLatest(db);
    await createServices(db.db, systemClock, path.join(dir, 'data')).setup.createFirstAdministrator({ username: 'chief', displayName: '值班长', password: TEST_PASSWORD });
  });
  afterAll(() => db.close());

  it('answers E_GB_DISABLED without a platform, as a named user, and refuses an unknown user or transport', async () => {
    for (const args of [['devices'], ['channels', DEVICE], ['catalog', DEVICE], ['records', DEVICE, CHANNEL, '--day', '2025-06-01'], ['add-channel', DEVICE, CHANNEL, '--site', 'site_x']]) {
      const result = await custos(['gb28181', ...args, '--as', 'chief'], env);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toContain('E_GB_DISABLED');
    }
    const stranger = await custos(['gb28181', 'devices', '--as', 'nobody'], env);
    expect(stranger.status).toBe(1);
    expect(stranger.stderr).not.toContain('E_GB_DISABLED');
    const transport = await custos(['gb28181', 'add-channel', DEVICE, CHANNEL, '--site', 's', '--transport', 'tcp', '--as', 'chief'], env);
    expect(transport.status).toBe(1);
    expect(transport.stderr).toContain('tcp-passive');
  });
});
