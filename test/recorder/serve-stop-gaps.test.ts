/**
 * `custos serve` (the compiled command line) recording the demo camera, stopped with SIGTERM or killed
 * with SIGKILL right after a segment closed, then started again: the time it was down is a gap with its
 * reason, and segments and gaps together leave no hole longer than one fragment. On SQLite (a file in the data
 * folder) and on a fresh PostgreSQL database of its own. The global setup builds dist/.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { camerasWithSegments, latestSegment, listSegments } from '../../src/recording/segment-repository.ts';
import { openGapOf } from '../../src/recording/gap-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { startServer } from '../../src/server.ts';
import { DIALECTS } from '../support/db.ts';
import { createTestDatabase } from '../support/pg-database.ts';
import { coverageOf } from './support/coverage.ts';
import { ALL_TIME, waitFor } from './support/segments.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/custos.mjs');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function finals(dataDir: string): number {
  try {
    return (readdirSync(path.join(dataDir, 'segments'), { recursive: true }) as string[]).filter((f) => f.endsWith('.mp4')).length;
  } catch {
    return 0;
  }
}

/** Runs `custos serve` until at least two segments are final (and, with SIGKILL, until the next one has just closed), then stops it so. */
async function serveThenStop(dataDir: string, env: Record<string, string>, signal: 'SIGTERM' | 'SIGKILL'): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitFor(() => finals(dataDir) >= 2, 60_000);
    if (signal === 'SIGKILL') {
      const seen = finals(dataDir);
      const deadline = Date.now() + 30_000;
      while (finals(dataDir) === seen && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill(signal);
  }
  return exited;
}

const STOPS = [
  ['SIGTERM', 'SERVER_STOPPED'],
  ['SIGKILL', 'CRASH_RECOVERY'],
] as const;

describe('custos serve stopped or killed, then started again', { timeout: 180_000 }, () => {
  for (const dialect of DIALECTS) {
    for (const [signal, reason] of STOPS) {
      it(`${dialect}, ${signal}: a ${reason} gap from the last footage to the first segment after the restart, no hole over 1 s`, async () => {
        const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-stopgap-cli-'));
        const database = dialect === 'postgres' ? await createTestDatabase(inject('pgUrl') as string, 'custos_stopgap') : undefined;
        const env = {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          CUSTOS_DATA_DIR: dataDir,
          ...(database ? { CUSTOS_DB_URL: database.url } : {}),
          CUSTOS_SERVER_PORT: '0',
          // The same port both times: the demo camera is registered once, with this address.
          CUSTOS_DEMO_SIMULATOR_PORT: String(await freePort()),
          CUSTOS_RECORDING_SEGMENT_SECONDS: '4',
          CUSTOS_LOG_LEVEL: 'warn',
        };
        let server: Awaited<ReturnType<typeof startServer>> | undefined;
        try {
          const code = await serveThenStop(dataDir, env, signal);
          if (signal === 'SIGTERM') expect(code).toBe(0);

          server = await startServer(loadConfig({ env: { ...env, CUSTOS_RECORDING_ENABLED: 'true' } }), { logger: false });
          expect(server.db.dialect).toBe(dialect);
          const db = server.db.db;
          const [cameraId] = await camerasWithSegments(db);
          const last = (await latestSegment(db, cameraId!))!;
          const open = await openGapOf(db, cameraId!);
          expect(open).toMatchObject({ reason, toAt: null });
          // From the end of what was kept (a salvaged segment's included): nothing between it and the gap.
          expect(Date.parse(open!.fromAt)).toBeLessThanOrEqual(Date.parse(last.endAt));
          await waitFor(async () => (await listSegments(db, { cameraId: cameraId!, ...ALL_TIME })).some((s) => s.seq > last.seq), 60_000);
          const first = (await listSegments(db, { cameraId: cameraId!, ...ALL_TIME })).find((s) => s.seq === last.seq + 1)!;

          const { gaps, uncoveredMs } = await coverageOf(db, cameraId!);
          expect(gaps.find((g) => g.id === open!.id)).toMatchObject({ reason, toAt: first.startAt });
          if (signal === 'SIGTERM') expect(gaps.map((g) => g.reason)).not.toContain('CRASH_RECOVERY');
          expect(uncoveredMs, JSON.stringify(gaps)).toBeLessThanOrEqual(1000);
          const verified = await verifyChain(db, path.join(dataDir, 'segments'));
          expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
        } finally {
          await server?.close();
          await database?.drop();
        }
      });
    }
  }
});
