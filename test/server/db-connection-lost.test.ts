/**
 * The database connection taken away under a running `custos serve` (compiled command line): every
 * PostgreSQL backend of its database terminated, twice (pg_terminate_backend, as an administrator or a
 * failover does). The process lives on, a signed-in request is answered, the camera stays online and
 * new segments are indexed afterwards, and `custos recordings verify` passes. SQLite has no connection
 * to lose: the same drill there checks that the rest of it holds.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { Session } from '../cluster/support/live-viewer.ts';
import { waitFor } from '../cluster/support/processes.ts';
import { ADMIN, Served } from './support/served.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface StatusView {
  cameras: { cameraId: string; state: string }[];
}

describe('the database connection lost under custos serve', { timeout: 180_000 }, () => {
  let served: Served | undefined;
  afterEach(async () => {
    if (served) process.stderr.write(`logs: ${served.logDir}\n`);
    await served?.close();
    served = undefined;
  }, 30_000);

  for (const dialect of DIALECTS) {
    it(`${dialect}: survives two rounds of terminated backends, keeps recording and indexing, and the recordings verify`, async () => {
      served = await Served.start(dialect, inject('pgUrl'), 'db-lost');
      const s = served;
      const session = await Session.signIn(s.url, ADMIN.username, ADMIN.password);
      const cameraState = async () => (await session.call<StatusView>(s.url, 'GET', '/api/recording/status')).cameras.find((c) => c.cameraId === s.cameraId)?.state;
      await waitFor('the camera online', async () => (await cameraState()) === 'online', 60_000, 500);
      await waitFor('a first segment indexed', async () => (await s.segmentCount()) >= 1, 30_000, 500);

      for (let round = 1; round <= 2; round++) {
        if (dialect === 'postgres') {
          const ended = await s.terminateBackends();
          process.stdout.write(`round ${round}: ${ended} backends terminated\n`);
          expect(ended).toBeGreaterThan(0);
        }
        // A segment (2 s) is cut meanwhile: its index row is written after the connections are gone.
        await sleep(3_000);
        expect(s.server.running(), `custos serve died:\n${s.server.output().slice(-3000)}`).toBe(true);
      }
      if (dialect === 'postgres') {
        // Away for longer than a segment: the segments cut meanwhile are indexed once it is back.
        await s.takeDatabaseAway(6_000);
        expect(s.server.running(), `custos serve died:\n${s.server.output().slice(-3000)}`).toBe(true);
      }
      const me = await session.call<{ user: { username: string } }>(s.url, 'GET', '/api/auth/session');
      expect(me.user.username).toBe(ADMIN.username);
      const before = await s.segmentCount();
      await waitFor('three more segments indexed after the connections came back', async () => (await s.segmentCount()) >= before + 3, 30_000, 500).catch(async (error: unknown) => {
        const status = await session.call<StatusView>(s.url, 'GET', '/api/recording/status');
        throw new Error(`${(error as Error).message}; status: ${JSON.stringify(status.cameras)}`);
      });
      await waitFor('the camera online', async () => (await cameraState()) === 'online', 30_000, 500);
      expect(s.server.running()).toBe(true);
      expect(s.server.output()).not.toMatch(/"level":60|uncaught|Unhandled/i);

      await s.server.stop(10_000);
      const verify = await s.run('verify', ['recordings', 'verify']);
      expect(verify.code, verify.output).toBe(0);
    });
  }
});

