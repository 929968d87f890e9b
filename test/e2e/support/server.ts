/**
 * The real server for browser tests and the viewing bench: a temporary data folder, free ports, the
 * demo camera from the simulator, short segments, and a clock the test can move forward (to see
 * media URLs expire). The first administrator comes from the one-time setup token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load.ts';
import { startServer, type RunningServer } from '../../../src/server.ts';
import { ensureBuilt } from '../../support/build.ts';
import type { Clock } from '../../../src/shared/clock.ts';
import type { GbPlatformApi } from '../../../src/gb28181/platform-api.ts';

export interface E2EServer {
  server: RunningServer;
  url: string;
  /** The server's data folder (SQLite, segments, keys): for the CLI beside it. */
  dataDir: string;
  setupToken: string;
  /** Moves the server's clock forward (ms). */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startE2EServer(options: { segmentSeconds?: number; env?: Record<string, string>; gbPlatform?: GbPlatformApi } = {}): Promise<E2EServer> {
  ensureBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-e2e-'));
  let offset = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  const config = loadConfig({
    env: {
      CUSTOS_DATA_DIR: dataDir,
      CUSTOS_SERVER_PORT: '0',
      CUSTOS_DEMO_SIMULATOR_PORT: '0',
      CUSTOS_RECORDING_SEGMENT_SECONDS: String(options.segmentSeconds ?? 2),
      CUSTOS_LOG_LEVEL: 'warn',
      ...options.env,
    },
  });
  const server = await startServer(config, { clock, logger: false, printSetupLink: false, ...(options.gbPlatform ? { gbPlatform: options.gbPlatform } : {}) });
  if (!server.setupToken) throw new Error('a fresh data folder must ask for setup');
  return {
    server,
    url: server.url,
    dataDir,
    setupToken: server.setupToken,
    advance: (ms) => {
      offset += ms;
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
