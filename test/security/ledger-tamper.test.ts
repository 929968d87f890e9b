/**
 * Issue 10, attack 6: a ledger that can be rewound. The attacker has write access to the database
 * (SQLite or PostgreSQL), drops the append-only triggers as such an attacker would, edits rows with
 * raw SQL, and may delete or replace the signing key; the anchor file (another disk) is out of
 * reach. Every verify command is run after the edit: the CLI as a real child process for the key
 * cases, the services for the rest.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createServices, type Services } from '../../src/app/services.ts';
import { connectDatabase, migrateToLatest, type DbDialect, type DbHandle } from '../../src/db/connect.ts';
import { readAnchor } from '../../src/ledger/anchor-file.ts';
import { ledgerRepository } from '../../src/ledger/ledger-repository.ts';
import { LedgerService } from '../../src/ledger/ledger-service.ts';
import { startLedgerSchedule } from '../../src/ledger/ledger-schedule.ts';
import { verifyLedger, type LedgerVerifyResult } from '../../src/ledger/ledger-verify.ts';
import { keyFile, loadKey } from '../../src/ledger/signing-key.ts';
import type { Principal } from '../../src/access/principal.ts';
import { LocalSegmentStore, segmentsRoot } from '../../src/recording/local-segment-store.ts';
import type { SegmentRow } from '../../src/recording/model.ts';
import { SegmentWriter } from '../../src/recording/segment-writer.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { historyRepository } from '../../src/registry/repositories/history-repository.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { syntheticFragment, syntheticInit } from '../recording/support/fmp4.ts';
import { custos as custosChild, type CliResult } from '../support/cli.ts';
import { DIALECTS, openTestDb, withSchemaLock } from '../support/db.ts';

const REASON = { category: 'INCIDENT_INVESTIGATION', text: '顾客报失手机核查 INC-12' };
const CAM = 'cam_tamper';

interface World {
  dir: string;
  handle: DbHandle;
  services: Services;
  clock: ReturnType<typeof fixedClock>;
  /** Environment of a `custos` child process on this database and data folder. */
  env: Record<string, string>;
  anchor: string;
  principal: Principal;
  segments: SegmentRow[];
  close(): Promise<void>;
}

async function openWorld(dialect: DbDialect): Promise<World> {
  const dir = mkdtempSync(path.join(tmpdir(), 'custos-tamper-'));
  let handle: DbHandle;
  const env: Record<string, string> = { CUSTOS_DATA_DIR: dir };
  if (dialect === 'sqlite') {
    handle = connectDatabase(`sqlite:${path.join(dir, 'custos.db')}`);
    await migrateToLatest(handle);
  } else {
    handle = await openTestDb('postgres');
    env.CUSTOS_DB_URL = `${inject('pgUrl')}?options=${encodeURIComponent(`-c search_path=${handle.schema}`)}`;
  }
  const clock = fixedClock('2025-06-01T02:00:00Z');
  const services = createServices(handle.db, clock, dir);
  const user = await services.setup.createFirstAdministrator({ username: 'wang', displayName: '王保安', password: 'correct horse battery staple 2025' });
  const principal: Principal = { userId: user.id, username: user.username, displayName: user.displayName, unitId: null, unitName: '未指定单位', kind: 'STAFF', via: 'session', clientAddress: '127.0.0.1' };
  const segments: SegmentRow[] = [];
  const writer = new SegmentWriter({ db: handle.db, store: new LocalSegmentStore(segmentsRoot(dir)), cameraId: CAM, clock, onSegment: (row) => segments.push(row) });
  const t0 = Date.parse('2025-06-01T01:00:00Z');
  for (let s = 0; s < 5; s++) {
    await writer.open(syntheticInit());
    await writer.append(syntheticFragment(s + 1, 10), { startMs: t0 + s * 1000, endMs: t0 + (s + 1) * 1000, frames: 10, keyframe: true });
    await writer.close();
  }
  return {
    dir,
    handle,
    services,
    clock,
    env,
    anchor: services.ledger.anchorFile,
    principal,
    segments,
    async close() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openEntries(w: World, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await w.services.register.open(w.principal, {
      operation: 'PLAYBACK',
      reason: REASON,
      content: { cameraIds: [CAM], ranges: [{ cameraId: CAM, from: '2025-06-01T01:00:00.000Z', to: '2025-06-01T01:00:05.000Z' }], operation: 'PLAYBACK' },
    });
  }
}

/** What the attacker does first: every append-only trigger of the schema dropped. */
async function dropTriggers(w: World): Promise<void> {
  const db = w.handle.db;
  if (w.handle.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger'`.execute(db);
    for (const r of rows) await sql.raw(`drop trigger "${r.name}"`).execute(db);
  } else {
    const { rows } = await sql<{ name: string; tbl: string }>`select distinct trigger_name as name, event_object_table as tbl from information_schema.triggers where trigger_schema = current_schema()`.execute(db);
    for (const r of rows) await sql.raw(`drop trigger "${r.name}" on "${r.tbl}"`).execute(db);
  }
}

/** The ledger thrown away and rebuilt from the (edited) sources, re-signed with the key on disk; the anchor file is out of the attacker's reach. */
async function rebuildLedger(w: World): Promise<void> {
  const db = w.handle.db;
  for (const table of ['ledgerLeaves', 'ledgerNodes', 'ledgerCheckpoints', 'ledgerCursors'] as const) await db.deleteFrom(table).execute();
  const attacker = new LedgerService({ db, clock: w.clock, dataDir: w.dir, anchorFile: path.join(w.dir, 'attacker-anchor.jsonl') });
  await attacker.sync();
  await attacker.checkpoint();
}

const verify = async (w: World, options: Parameters<typeof verifyLedger>[3] = {}): Promise<LedgerVerifyResult> =>
  verifyLedger(w.handle.db, new LocalSegmentStore(segmentsRoot(w.dir)), await loadKey(w.dir), options);

/**
 * The CLI in its own process. On PostgreSQL its migrator lists the tables of every schema, which
 * fails when another test drops its schema meanwhile: the child runs under the shared schema lock.
 */
function custos(args: string[], env: Record<string, string>): Promise<CliResult> {
  const url = inject('pgUrl');
  return env.CUSTOS_DB_URL && url ? withSchemaLock(url, 'shared', () => custosChild(args, env)) : custosChild(args, env);
}

const codes = (r: { problems: { layer: string; code: string }[] }) => r.problems.map((p) => `${p.layer}/${p.code}`);

describe.each(DIALECTS)('ledger tampering with database write access (%s)', { timeout: 240_000 }, (dialect) => {
  let w: World;
  beforeEach(async () => {
    w = await openWorld(dialect);
    await openEntries(w, 3);
    await w.services.ledger.sync();
    await w.services.ledger.checkpoint();
  });
  afterEach(async () => w.close());

  it('REG-15-6: every signed checkpoint is appended to the anchor file with its key, owner-only', async () => {
    await openEntries(w, 1);
    await w.services.ledger.sync();
    const cp = await w.services.ledger.checkpoint();
    const records = await readAnchor(w.anchor);
    expect(records.map((r) => r.type)).toEqual(['CHECKPOINT', 'CHECKPOINT']);
    expect(records[1]).toMatchObject({ seq: cp.seq, treeSize: cp.treeSize, rootHash: cp.rootHash, keyId: cp.keyId, publicKeyPem: (await w.services.ledger.publicKey()).publicKeyPem });
    expect(statSync(w.anchor).mode & 0o777).toBe(0o600);
  });

  it('REG-15-6 attack: entries a checkpoint covers removed and the ledger rebuilt and re-signed; `ledger verify` refuses it against the anchor file (CLI)', async () => {
    const pinned = path.join(w.dir, 'ledger-public-key.json');
    writeFileSync(pinned, JSON.stringify(await w.services.ledger.publicKey()));
    const clean = await custos(['ledger', 'verify', '--checkpoints', w.anchor, '--public-key', pinned], w.env);
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.json()).toMatchObject({ ok: true, anchored: 1, trust: { source: 'PINNED' } });

    await dropTriggers(w);
    await w.handle.db.deleteFrom('accessRegister').where('seq', '>=', 2).execute();
    await rebuildLedger(w);

    // The database against itself holds (the hole the anchor closes)…
    expect((await verify(w)).ok).toBe(true);
    expect((await w.services.register.verify()).ok).toBe(true);
    // …plain `ledger verify` reads the configured anchor file and refuses.
    const anchored = await custos(['ledger', 'verify'], w.env);
    expect(anchored.status).toBe(1);
    expect(codes(anchored.json<LedgerVerifyResult>())).toContain('ANCHOR/TREE_TRUNCATED');
    expect(anchored.stderr).toContain('TREE_TRUNCATED');
  });

  it('REG-15-6 attack variant: the removed entries replaced by as many others so the size matches; the anchored root refuses it', async () => {
    const before = (await readAnchor(w.anchor))[0];
    await dropTriggers(w);
    await w.handle.db.deleteFrom('accessRegister').where('seq', '>=', 2).execute();
    await openEntries(w, 2);
    await rebuildLedger(w);
    expect(await ledgerRepository.size(w.handle.db)).toBe(before?.type === 'CHECKPOINT' ? before.treeSize : -1);
    expect((await verify(w)).ok).toBe(true);
    const result = await verify(w, { anchor: await readAnchor(w.anchor) });
    expect(codes(result)).toContain('ANCHOR/ROOT_MISMATCH');
  });

  it('REG-15-6 attack: an anchored checkpoint edited in the anchor file (another root) is refused by its signature', async () => {
    const lines = readFileSync(w.anchor, 'utf8').trim().split('\n');
    const record = JSON.parse(lines[0] as string) as { rootHash: string };
    record.rootHash = '00'.repeat(32);
    writeFileSync(w.anchor, `${JSON.stringify(record)}\n`);
    expect(codes(await verify(w, { anchor: await readAnchor(w.anchor) }))).toContain('ANCHOR/SIGNATURE_INVALID');
  });

  it('REG-15-6 attack: the signing key deleted; the server refuses to start and `ledger checkpoint` refuses, no new key is made (CLI)', async () => {
    unlinkSync(keyFile(w.dir));
    const serve = await custos(['serve'], { ...w.env, CUSTOS_SERVER_PORT: '0', CUSTOS_DEMO_ENABLED: 'false', CUSTOS_RECORDING_ENABLED: 'false' });
    expect(serve.status).toBe(1);
    expect(serve.stderr).toContain('E_LEDGER_KEY_MISSING');
    expect(serve.stderr).toContain('custos ledger rotate-key --reason');
    const checkpoint = await custos(['ledger', 'checkpoint'], w.env);
    expect(checkpoint.status).toBe(1);
    expect(checkpoint.stderr).toContain('E_LEDGER_KEY_MISSING');
    expect(existsSync(keyFile(w.dir))).toBe(false);
    await expect(w.services.ledger.key()).rejects.toMatchObject({ code: 'E_LEDGER_KEY_MISSING' });
  });

  it('REG-15-6 attack: a fresh key re-signs a rewritten history; `ledger verify --public-key` (the old key pinned) and `--checkpoints` refuse it (CLI)', async () => {
    const oldKey = path.join(w.dir, 'old-key.pem');
    writeFileSync(oldKey, (await w.services.ledger.publicKey()).publicKeyPem);
    await dropTriggers(w);
    await w.handle.db.deleteFrom('accessRegister').where('seq', '>=', 2).execute();
    // The attacker's own key in place of the real one.
    writeFileSync(keyFile(w.dir), generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
    const attacker = new LedgerService({ db: w.handle.db, clock: w.clock, dataDir: w.dir, anchorFile: path.join(w.dir, 'attacker-anchor.jsonl') });
    for (const table of ['ledgerLeaves', 'ledgerNodes', 'ledgerCheckpoints', 'ledgerCursors'] as const) await w.handle.db.deleteFrom(table).execute();
    await attacker.sync();
    await attacker.checkpoint();

    expect((await verify(w)).ok).toBe(true);
    const pinned = await custos(['ledger', 'verify', '--public-key', oldKey, '--checkpoints', path.join(w.dir, 'attacker-anchor.jsonl')], w.env);
    expect(pinned.status).toBe(1);
    expect(codes(pinned.json<LedgerVerifyResult>())).toEqual(expect.arrayContaining(['CHECKPOINT/KEY_NOT_TRUSTED', 'CHECKPOINT/SIGNATURE_INVALID']));
    const anchored = await custos(['ledger', 'verify', '--checkpoints', w.anchor], w.env);
    expect(anchored.status).toBe(1);
    expect(codes(anchored.json<LedgerVerifyResult>())).toEqual(expect.arrayContaining(['CHECKPOINT/KEY_NOT_TRUSTED', 'ANCHOR/TREE_TRUNCATED']));
  });

  it('REG-15-6 attack: the key deleted and replaced through rotate-key without the old key: loud and unsigned, and the pinned old key does not trust the new one', async () => {
    const oldPub = await w.services.ledger.publicKey();
    await dropTriggers(w);
    unlinkSync(keyFile(w.dir));
    // The attacker uses the documented path without the old key: loud and unsigned.
    const rotated = await w.services.ledger.rotateKey('密钥丢失 lost key', 'mallory');
    expect(rotated.rotation.signature).toBeNull();
    const history = await w.services.history.list({ entityType: 'ledgerKey' });
    expect(history).toEqual([expect.objectContaining({ action: 'KEY_ROTATED', actor: 'mallory', reason: '密钥丢失 lost key' })]);
    const pinnedOld = await verify(w, { pinned: [oldPub] });
    expect(codes(pinnedOld)).toEqual(expect.arrayContaining(['CHECKPOINT/KEY_NOT_TRUSTED', 'CHECKPOINT/SIGNATURE_INVALID']));
    expect(pinnedOld.warnings.join('\n')).toContain('WITHOUT the old key');
    // The operator, having decided to accept the new key, pins both.
    const both = await verify(w, { pinned: [oldPub, await w.services.ledger.publicKey()], anchor: await readAnchor(w.anchor) });
    expect(both.ok, JSON.stringify(both.firstProblem)).toBe(true);
  });

  it('REG-15-6: `ledger rotate-key` with the old key signs the hand-over; the pinned old key and the anchor then trust the new key (CLI)', async () => {
    const oldPub = await w.services.ledger.publicKey();
    const rotate = await custos(['ledger', 'rotate-key', '--reason', '年度轮换 yearly rotation', '--as', 'wang'], w.env);
    expect(rotate.status, rotate.stderr).toBe(0);
    const out = rotate.json<{ rotation: { oldKeyId: string; newKeyId: string; signature: string | null } }>();
    expect(out.rotation).toMatchObject({ oldKeyId: oldPub.keyId });
    expect(out.rotation.signature).not.toBeNull();
    const records = await readAnchor(w.anchor);
    expect(records.map((r) => r.type)).toEqual(['CHECKPOINT', 'KEY_ROTATION', 'CHECKPOINT']);
    const oldKeyFile = path.join(w.dir, 'old.pem');
    writeFileSync(oldKeyFile, oldPub.publicKeyPem);
    const verified = await custos(['ledger', 'verify', '--public-key', oldKeyFile, '--checkpoints', w.anchor], w.env);
    expect(verified.status, verified.stdout).toBe(0);
    expect(verified.json()).toMatchObject({ ok: true, anchored: 2 });
  });

  it('REG-15-6 attack: the newest register entries cut off (the chain still holds); `register verify` refuses against the ledger (CLI)', async () => {
    expect((await w.services.register.verify()).ok).toBe(true);
    await dropTriggers(w);
    await w.handle.db.deleteFrom('accessRegister').where('seq', '>=', 3).execute();
    const result = await custos(['register', 'verify'], w.env);
    expect(result.status).toBe(1);
    expect(result.json()).toMatchObject({ ok: false, entries: 2, ledger: { head: 3 }, firstBad: { seq: 3, problem: 'LEDGER_JOURNAL_TRUNCATED' } });
  });

  it('REG-15-6 attack: a register entry edited and its chain recomputed; `register verify` names the ledger leaf it no longer matches', async () => {
    await dropTriggers(w);
    const { chainEntryHash, GENESIS_HASH } = await import('../../src/ledger/hash-chain.ts');
    const { hashedValues } = await import('../../src/access/register/register-repository.ts');
    await w.handle.db.updateTable('accessRegister').set({ reasonText: '随便看看' }).where('seq', '=', 2).execute();
    let prev = GENESIS_HASH;
    for (const row of await w.handle.db.selectFrom('accessRegister').selectAll().orderBy('seq').execute()) {
      const entryHash = chainEntryHash(prev, hashedValues(row));
      await w.handle.db.updateTable('accessRegister').set({ prevHash: prev, entryHash }).where('seq', '=', row.seq).execute();
      prev = entryHash;
    }
    expect(await w.services.register.verify()).toMatchObject({ ok: false, firstBad: { seq: 2, problem: 'LEDGER_LEAF_MISMATCH' } });
  });

  it('REG-15-6 attack: the newest history entries cut off; `audit verify` refuses against the ledger (CLI)', async () => {
    await historyRepository.append(w.handle.db, { entityType: 'camera', entityId: CAM, action: 'update', actor: 'wang', at: w.clock.now().toISOString(), before: null, after: { name: 'C1' } });
    await w.services.ledger.sync();
    const head = Number((await w.handle.db.selectFrom('history').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow()).m);
    await dropTriggers(w);
    await w.handle.db.deleteFrom('history').where('seq', '=', head).execute();
    const result = await custos(['audit', 'verify'], w.env);
    expect(result.status).toBe(1);
    expect(result.json()).toMatchObject({ ok: false, ledger: { head }, firstBad: { seq: head, problem: 'LEDGER_JOURNAL_TRUNCATED' } });
  });

  it('REG-15-4: `recordings verify` accepts tombstoned deletions, names a segment gone without a tombstone and a tombstone whose file is still there (CLI)', async () => {
    const db = w.handle.db;
    const root = segmentsRoot(w.dir);
    const tombstone = async (victim: SegmentRow, id: string) =>
      db
        .insertInto('segmentDeletions')
        .values({ id, segmentId: victim.id, cameraId: victim.cameraId, segmentSeq: victim.seq, startAt: victim.startAt, endAt: victim.endAt, sha256: victim.sha256, prevChainHash: victim.prevChainHash, chainHash: victim.chainHash, bytes: victim.bytes, policy: 'RETENTION', orderRef: null, deletedAt: '2025-06-01T02:00:00.000Z' })
        .execute();
    // Deleted as the retention module deletes: the oldest two and the newest, each with its tombstone.
    for (const [i, victim] of [w.segments[0], w.segments[1], w.segments[4]].entries()) {
      await tombstone(victim as SegmentRow, `del-${i}`);
      await db.deleteFrom('segments').where('id', '=', (victim as SegmentRow).id).execute();
      unlinkSync(path.join(root, (victim as SegmentRow).path));
    }
    const clean = await custos(['recordings', 'verify'], w.env);
    expect(clean.status, clean.stdout).toBe(0);
    expect(clean.json()).toMatchObject({ ok: true, checked: 2, problems: [] });
    expect((await verify(w)).problems.filter((p) => p.layer.startsWith('SEGMENT'))).toEqual([]);

    // Segment 3 gone, row and file, with no tombstone.
    const gone = w.segments[2] as SegmentRow;
    await db.deleteFrom('segments').where('id', '=', gone.id).execute();
    unlinkSync(path.join(root, gone.path));
    const bad = await custos(['recordings', 'verify'], w.env);
    expect(bad.status).toBe(1);
    expect(bad.json()).toMatchObject({ ok: false, firstProblem: { cameraId: CAM, seq: 3, kind: 'SEGMENT_GONE_WITHOUT_TOMBSTONE' } });

    // Segment 4: a tombstone written, but the row and file kept out of sight of the index only.
    const kept = w.segments[3] as SegmentRow;
    await tombstone(kept, 'del-fake');
    await db.deleteFrom('segments').where('id', '=', kept.id).execute();
    const present = await verifyChain(db, root);
    expect(present.problems.map((p) => [p.kind, p.seq])).toEqual(
      expect.arrayContaining([
        ['SEGMENT_GONE_WITHOUT_TOMBSTONE', 3],
        ['TOMBSTONED_FILE_PRESENT', 4],
      ]),
    );
  });
});

describe('REG-15-6: the unprotected window', () => {
  it('the follower signs a checkpoint on every tick that grew the tree, not every 5 minutes', async () => {
    const calls: string[] = [];
    const ledger = { sync: async () => void calls.push('sync'), checkpoint: async (onlyIfGrown?: boolean) => void calls.push(`checkpoint:${String(onlyIfGrown)}`) };
    const jobs = startLedgerSchedule(ledger as unknown as LedgerService, { error: () => undefined }, { followSeconds: 1, checkpointSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2600));
    jobs.stop();
    expect(calls.filter((c) => c === 'checkpoint:true').length).toBeGreaterThanOrEqual(2);
  });
});
