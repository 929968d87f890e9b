import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import type { DbDialect, DbHandle } from '../../src/db/connect.ts';
import { createServices, type Services } from '../../src/app/services.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { openTestDb } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  db: DbHandle;
  services: Services;
  clock: ReturnType<typeof fixedClock>;
  /** A data folder of this app's own (archive files), removed by close(). */
  dataDir: string;
  call(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function openTestApp(dialect: DbDialect, options: { at?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await openTestDb(dialect);
  const clock = fixedClock(options.at ?? '2025-06-01T02:00:00Z');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-test-'));
  const services = createServices(db.db, clock, dataDir);
  const config = loadConfig({ env: { CUSTOS_DATA_DIR: '.', ...options.env } });
  const app = await buildApp({ config, db, services, logger: false });
  await app.ready();
  return {
    app,
    db,
    services,
    clock,
    dataDir,
    call: (method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { 'x-custos-actor': 'tester', ...headers },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      }),
    async close() {
      await app.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
