/**
 * `custos serve` (the compiled command line) killed with SIGKILL half way through a segment, then started
 * again: the unfinished segment is recovered, playable, its gap recorded and the chain verifies; on SQLite
 * (a file in the data folder) and on a fresh PostgreSQL database of its own.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { startServer } from '../../src/server.ts';
import { probe } from '../media/support/ffmpeg.ts';
import { DIALECTS } from '../support/db.ts';
import { createTestDatabase } from '../support/pg-database.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/custos.mjs');
const everywhere = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };

function partials(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.partial'));
}

describe('kill -9 of the server while recording', { timeout: 120_000 }, () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: recovers the unfinished segment on the next start, records the gap, and the chain verifies`, async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-crash-'));
      const database = dialect === 'postgres' ? await createTestDatabase(inject('pgUrl') as string, 'custos_crash') : undefined;
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        CUSTOS_DATA_DIR: dataDir,
        ...(database ? { CUSTOS_DB_URL: database.url } : {}),
        CUSTOS_SERVER_PORT: '0',
        CUSTOS_DEMO_SIMULATOR_PORT: '0',
        CUSTOS_RECORDING_SEGMENT_SECONDS: '4',
        CUSTOS_LOG_LEVEL: 'warn',
      };
      let server: Awaited<ReturnType<typeof startServer>> | undefined;
      try {
        const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: 'ignore' });
        try {
          const deadline = Date.now() + 60_000;
          // Wait until at least one segment is final and the next one is being written.
          for (;;) {
            const segmentsDir = path.join(dataDir, 'segments');
            const finals = (() => {
              try {
                return (readdirSync(segmentsDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.mp4'));
              } catch {
                return [];
              }
            })();
            if (finals.length >= 1 && partials(segmentsDir).length === 1) break;
            if (Date.now() > deadline) throw new Error('the server did not record');
            await new Promise((resolve) => setTimeout(resolve, 300));
          }
          await new Promise((resolve) => setTimeout(resolve, 2500));
        } finally {
          child.kill('SIGKILL');
        }
        await new Promise((resolve) => child.once('exit', resolve));
        expect(partials(path.join(dataDir, 'segments'))).toHaveLength(1);

        const config = loadConfig({ env: { ...env, CUSTOS_RECORDING_ENABLED: 'true' } });
        server = await startServer(config, { logger: false });
        expect(server.db.dialect).toBe(dialect);
        expect(server.recorder?.recovery?.recovered).toHaveLength(1);
        const cameraId = server.recorder!.recovery!.recovered[0]!.cameraId;
        const segments = await listSegments(server.db.db, { cameraId, ...everywhere });
        expect(segments.length).toBeGreaterThanOrEqual(2);
        const recovered = segments.find((s) => s.path === server!.recorder!.recovery!.recovered[0]!.path)!;
        const { stderr, json } = await probe(path.join(dataDir, 'segments', recovered.path));
        expect(stderr).toBe('');
        expect(Number((json.streams[0] as { nb_read_frames: string }).nb_read_frames)).toBe(recovered.frames);
        const gaps = await listGaps(server.db.db, { cameraId, ...everywhere });
        expect(gaps.map((g) => g.reason)).toContain('CRASH_RECOVERY');
        const verified = await verifyChain(server.db.db, path.join(dataDir, 'segments'));
        expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
      } finally {
        await server?.close();
        await database?.drop();
      }
    });
  }
});
