import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from '../../src/db/connect.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { custos } from '../support/cli.ts';
import { TEST_PASSWORD } from '../support/app.ts';

describe('custos alarm', { timeout: 120_000 }, () => {
  let env: Record<string, string>;
  let db: DbHandle;
  let alarmId: string;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'custos-cli-alarm-'));
    env = { CUSTOS_DATA_DIR: path.join(dir, 'data'), CUSTOS_DEMO_ENABLED: 'false' };
    expect((await custos(['migrate'], env)).status).toBe(0);
    db = connectDatabase(`sqlite:${path.join(dir, 'data', 'custos.db')}`);
    await migrateToLatest(db);
    const services = createServices(db.db, systemClock, path.join(dir, 'data'));
    await services.setup.createFirstAdministrator({ username: 'chief', displayName: '值班长', password: TEST_PASSWORD });
    alarmId = (await services.alarms.raise({ kind: 'LEDGER_CHECKPOINT_OVERDUE', details: { minutesSinceCheckpoint: 12 } })).id;
  });
  afterAll(() => db.close());

  it('lists, shows and acknowledges an alarm as a named user, and refuses a bad filter with its code', async () => {
    const listed = await custos(['alarm', 'list', '--as', 'chief', '--open'], env);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.json<{ id: string; kind: string }[]>()).toEqual([expect.objectContaining({ id: alarmId, kind: 'LEDGER_CHECKPOINT_OVERDUE' })]);
    const bad = await custos(['alarm', 'list', '--as', 'chief', '--kind', 'NOPE'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('E_ALARM_FILTER_INVALID');
    const acked = await custos(['alarm', 'ack', alarmId, '--as', 'chief', '--comment', '账本服务已重启'], env);
    expect(acked.status, acked.stderr).toBe(0);
    expect(acked.json<{ acknowledgement: { name: string; comment: string } }>().acknowledgement).toMatchObject({ name: '值班长', comment: '账本服务已重启' });
    const shown = await custos(['alarm', 'show', alarmId, '--as', 'chief'], env);
    expect(shown.json<{ acknowledgement: unknown }>().acknowledgement).not.toBeNull();
  });
});
