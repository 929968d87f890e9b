/** A GB/T 28181 platform on an ephemeral port over a fresh test database, with a recording alarm sink. */
import { randomBytes } from 'node:crypto';
import type { DbDialect, DbHandle } from '../../../src/db/connect.ts';
import type { AlarmKind } from '../../../src/events/alarm-kinds.ts';
import type { AlarmSink } from '../../../src/events/alarm-sink.ts';
import type { AlarmRecord, RaiseAlarmInput } from '../../../src/events/alarm-model.ts';
import { gb28181Config, type Gb28181Config } from '../../../src/gb28181/config.ts';
import { GbPlatform, type GbPlatformDeps } from '../../../src/gb28181/platform/gb-platform.ts';
import type { Clock } from '../../../src/shared/clock.ts';
import { openTestDb } from '../../support/db.ts';

export const PASSWORD = 'gb-secret-123';
export const DEVICE = '34020000001320000001';
export const NVR = '34020000001180000001';
export const CAMERA_CH = (n: number) => `3402000000131000${String(n).padStart(4, '0')}`;

export class RecordingSink implements AlarmSink {
  readonly raised: RaiseAlarmInput[] = [];
  readonly resolved: Array<{ kind: AlarmKind; subject: string }> = [];
  async raise(input: RaiseAlarmInput): Promise<AlarmRecord> {
    this.raised.push(input);
    return { id: 'alm', kind: input.kind, category: 'DEVICE', severity: 'INFO', article: '2', cameraId: input.cameraId ?? null, subject: input.subject ?? 'system', startedAt: '', endedAt: null, details: input.details ?? {}, snapshots: [], acknowledgement: null };
  }
  async resolve(kind: AlarmKind, subject: string): Promise<AlarmRecord | undefined> {
    this.resolved.push({ kind, subject });
    return undefined;
  }
}

export interface TestPlatform {
  platform: GbPlatform;
  db: DbHandle;
  sink: RecordingSink;
  config: Gb28181Config;
  close(): Promise<void>;
}

export async function startTestPlatform(dialect: DbDialect = 'sqlite', options: Omit<Partial<GbPlatformDeps>, 'config'> & { config?: Record<string, unknown>; clock?: Clock } = {}): Promise<TestPlatform> {
  const db = await openTestDb(dialect);
  const sink = new RecordingSink();
  const config = gb28181Config.parse({ enabled: true, password: PASSWORD, sipPort: 0, ...options.config });
  const key = randomBytes(32);
  const platform = new GbPlatform({
    db: db.db,
    clock: options.clock ?? { now: () => new Date() },
    config,
    secretKey: async () => key,
    alarms: sink,
    t1Ms: options.t1Ms ?? 50,
    queryTimeoutMs: options.queryTimeoutMs ?? 2000,
    livenessIntervalMs: 0,
    queryOnRegister: options.queryOnRegister ?? false,
  });
  await platform.start();
  return {
    platform,
    db,
    sink,
    config,
    async close() {
      await platform.stop();
      await db.close();
    },
  };
}

/** Waits until `check` holds (polling), for effects that follow a response. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
