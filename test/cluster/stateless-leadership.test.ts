/**
 * Leadership by PostgreSQL advisory lock: of the API processes on one database exactly one leads; when
 * its connection is killed or it stops, another takes over within seconds; and the ledger schedule gated
 * by it signs checkpoints on the leader only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdvisoryLeadership } from '../../src/cluster/advisory-leadership.ts';
import type { DbHandle } from '../../src/db/connect.ts';
import { LedgerService } from '../../src/ledger/ledger-service.ts';
import { startLedgerSchedule } from '../../src/ledger/ledger-schedule.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { openTestDb } from '../support/db.ts';
import { pgUrl } from './stateless-support.ts';
import { startApiCluster } from '../../src/cluster/api-cluster.ts';
import { clusterConfig } from '../../src/cluster/config.ts';

const RETRY_MS = 200;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function until(check: () => boolean, ms: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe.skipIf(!pgUrl())('leadership by advisory lock', () => {
  let db: DbHandle;
  let started: AdvisoryLeadership[];
  const url = pgUrl() ?? '';
  const leadership = async () => {
    const one = new AdvisoryLeadership({ url, schema: db.schema, retryMs: RETRY_MS, log: silent });
    started.push(one);
    await one.start();
    return one;
  };
  /** The backend holding this schema's leader lock (pg_locks: classid, objid of the two-key form). */
  const lockHolderPid = async (): Promise<number | undefined> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query<{ pid: number }>(
        `select pid from pg_locks where locktype = 'advisory' and granted and objsubid = 2 and classid = $1
           and objid = ((hashtext($2)::bigint + 4294967296) % 4294967296)::text::oid`,
        [0x63757374, db.schema],
      );
      return result.rows[0]?.pid;
    } finally {
      await client.end();
    }
  };

  beforeEach(async () => {
    db = await openTestDb('postgres');
    started = [];
  });
  afterEach(async () => {
    for (const one of started) await one.stop();
    await db.close();
  });

  it('two processes on one database: exactly one leads, and the other takes over within seconds of the leader’s connection being killed', async () => {
    const first = await leadership();
    const second = await leadership();
    expect([first.isLeader, second.isLeader]).toEqual([true, false]);
    const heard: boolean[] = [];
    first.onChange((leader) => heard.push(leader));

    const pid = await lockHolderPid();
    expect(pid).toBeDefined();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await admin.end();

    const tookMs = await until(() => second.isLeader, 5_000);
    expect(tookMs).toBeLessThan(5_000);
    expect(heard[0]).toBe(false);
    // Never two at once: the demoted one has reconnected as a follower.
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 3));
    expect([first.isLeader, second.isLeader]).toEqual([false, true]);
  });

  it('a leader that stops hands over: the follower leads at its next try', async () => {
    const first = await leadership();
    const second = await leadership();
    expect(first.isLeader).toBe(true);
    await first.stop();
    expect(first.isLeader).toBe(false);
    await until(() => second.isLeader, RETRY_MS * 5);
    expect(await lockHolderPid()).toBeDefined();
  });

  it('the ledger schedule gated by leadership follows and signs checkpoints on the leader only, and on the new leader after a hand-over', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-ledger-'));
    try {
      const first = await leadership();
      const second = await leadership();
      const ledgers = [first, second].map(() => new LedgerService({ db: db.db, clock: systemClock, dataDir, anchorFile: path.join(dataDir, 'anchor.jsonl') }));
      const [signA, signB] = ledgers.map((l) => vi.spyOn(l, 'checkpoint'));
      const [followA, followB] = ledgers.map((l) => vi.spyOn(l, 'sync'));
      const schedules = [first, second].map((one, i) => startLedgerSchedule(ledgers[i]!, silent, { followSeconds: 1, checkpointSeconds: 1, leadership: one }));
      try {
        await until(() => signA!.mock.calls.length >= 2, 4_000);
        expect(followB).not.toHaveBeenCalled();
        expect(signB).not.toHaveBeenCalled();
        await first.stop();
        const signedByA = signA!.mock.calls.length;
        await until(() => signB!.mock.calls.length >= 1, 4_000);
        expect(followA!.mock.calls.length).toBeLessThanOrEqual(signedByA);
        expect(signA!.mock.calls.length).toBe(signedByA);
        const checkpoints = await ledgers[1]!.checkpoints(100);
        expect(checkpoints.length).toBeGreaterThan(0);
        // One key for the cluster (<dataDir>/keys shared): every checkpoint under it.
        expect(new Set(checkpoints.map((c) => c.keyId)).size).toBe(1);
      } finally {
        for (const schedule of schedules) schedule.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a node whose ledger key is not the one the cluster’s checkpoints are signed with is refused (E_CLUSTER_LEDGER_KEY_DIFFERS)', async () => {
    const [own, stranger] = [mkdtempSync(path.join(tmpdir(), 'custos-keys-')), mkdtempSync(path.join(tmpdir(), 'custos-keys-'))];
    const cluster = await startApiCluster(clusterConfig.parse({ enabled: true }), db, url, { retryMs: RETRY_MS });
    try {
      const ledgerOf = (dir: string) => new LedgerService({ db: db.db, clock: systemClock, dataDir: dir, anchorFile: path.join(dir, 'anchor.jsonl') });
      await cluster.checkLedgerKey(ledgerOf(stranger));
      await ledgerOf(own).checkpoint();
      await expect(cluster.checkLedgerKey(ledgerOf(own))).resolves.toBeUndefined();
      await expect(cluster.checkLedgerKey(ledgerOf(stranger))).rejects.toMatchObject({ code: 'E_CLUSTER_LEDGER_KEY_DIFFERS' });
    } finally {
      await cluster.stop();
      for (const dir of [own, stranger]) rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cluster mode on SQLite', () => {
  it('is refused at start: SQLite serves one process only (E_CLUSTER_NEEDS_POSTGRES)', async () => {
    const sqlite = await openTestDb('sqlite');
    try {
      await expect(startApiCluster(clusterConfig.parse({ enabled: true }), sqlite, 'sqlite::memory:')).rejects.toMatchObject({ code: 'E_CLUSTER_NEEDS_POSTGRES' });
      // Alone, nothing is started and the process leads.
      expect((await startApiCluster(clusterConfig.parse({}), sqlite, 'sqlite::memory:')).leadership.isLeader).toBe(true);
    } finally {
      await sqlite.close();
    }
  });
});
