/**
 * REG-15-4, REG-15-6: the ledger follows segments, deletions, register and history; its proofs
 * verify against signed checkpoints; `verifyLedger` names tampering and accepts tombstoned deletions.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signCheckpoint } from '../../src/ledger/checkpoint.ts';
import { verifyLedger } from '../../src/ledger/ledger-verify.ts';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/merkle.ts';
import { keyFile } from '../../src/ledger/signing-key.ts';
import { LocalSegmentStore, segmentsRoot } from '../../src/recording/local-segment-store.ts';
import type { SegmentRow } from '../../src/recording/model.ts';
import { DIALECTS } from '../support/db.ts';
import { openVideoEnv, REASON, type VideoEnv } from '../access/video-access-support.ts';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

describe.each(DIALECTS)('REG-15-4 ledger (%s)', (dialect) => {
  let env: VideoEnv;
  let c1: SegmentRow[];
  const verify = async () => verifyLedger(env.t.db.db, new LocalSegmentStore(segmentsRoot(env.t.dataDir)), await env.t.services.ledger.key());

  beforeEach(async () => {
    env = await openVideoEnv(dialect);
    c1 = await env.record(env.cams.C1, Date.parse('2025-05-01T02:00:00Z'), 5);
    await env.record(env.cams.C2, Date.parse('2025-05-01T02:00:00Z'), 3);
    await env.t.services.register.open(env.t.admin.principal, {
      operation: 'PLAYBACK',
      reason: REASON,
      content: { cameraIds: [env.cams.C1], ranges: [{ cameraId: env.cams.C1, from: '2025-05-01T02:00:00.000Z', to: '2025-05-01T02:00:05.000Z' }], operation: 'PLAYBACK' },
    });
  });
  afterEach(async () => env.close());

  it('logs every segment, register and history entry once, and its proofs verify against signed checkpoints', async () => {
    const { ledger } = env.t.services;
    const first = await ledger.sync();
    expect(first.appended.SEGMENT).toBe(8);
    expect(first.appended.REGISTER).toBe(1);
    expect(first.appended.HISTORY).toBeGreaterThan(0);
    expect((await ledger.sync()).size).toBe(first.size);
    const cp1 = await ledger.checkpoint();
    expect(await ledger.signatureValid(cp1)).toBe(true);
    for (let i = 0; i < cp1.treeSize; i++) {
      const p = await ledger.inclusion(i, cp1.treeSize);
      expect(p.rootHash).toBe(cp1.rootHash);
      expect(verifyInclusion(i, cp1.treeSize, hex(p.leaf.hash), p.proof.map(hex), hex(cp1.rootHash)), `leaf ${i}`).toBe(true);
    }
    await env.record(env.cams.C1, Date.parse('2025-05-01T02:00:05Z'), 3);
    await ledger.sync();
    const cp2 = await ledger.checkpoint();
    expect(cp2.treeSize).toBe(cp1.treeSize + 3);
    const c = await ledger.consistency(cp1.treeSize, cp2.treeSize);
    expect(verifyConsistency(cp1.treeSize, cp2.treeSize, hex(cp1.rootHash), hex(cp2.rootHash), c.proof.map(hex))).toBe(true);

    const key = await env.t.call('GET', '/api/ledger/public-key', undefined, { authorization: '' });
    expect(key.statusCode).toBe(200);
    expect(key.json()).toMatchObject({ algorithm: 'Ed25519', keyId: cp2.keyId });
    const proof = await env.t.call('GET', `/api/ledger/proofs/inclusion?leaf=0&size=${cp2.treeSize}`);
    expect(proof.json()).toMatchObject({ leafIndex: 0, treeSize: cp2.treeSize, rootHash: cp2.rootHash });
    const bad = await env.t.call('GET', `/api/ledger/proofs/inclusion?leaf=${cp2.treeSize}&size=${cp2.treeSize}`);
    expect(bad.json()).toMatchObject({ code: 'E_LEDGER_PROOF_RANGE' });
    const cps = await env.t.call('GET', '/api/ledger/checkpoints');
    expect(cps.json<{ seq: number }[]>().map((x) => x.seq)).toEqual([cp2.seq, cp1.seq]);
    expect((await verify()).ok).toBe(true);
  });

  it('keeps its signing key owner-only', async () => {
    await env.t.services.ledger.key();
    expect(statSync(keyFile(env.t.dataDir)).mode & 0o777).toBe(0o600);
  });

  it('names a changed byte in a segment file', async () => {
    await env.t.services.ledger.sync();
    await env.t.services.ledger.checkpoint();
    const file = path.join(segmentsRoot(env.t.dataDir), (c1[2] as SegmentRow).path);
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0xff;
    writeFileSync(file, bytes);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstProblem).toMatchObject({ layer: 'SEGMENT_FILE', code: 'HASH_MISMATCH', ref: `${env.cams.C1}#3` });
  });

  it('names a segment row deleted without a tombstone, and verifies one deleted with a tombstone', async () => {
    const { ledger } = env.t.services;
    await ledger.sync();
    await ledger.checkpoint();
    const db = env.t.db.db;
    const victim = c1[1] as SegmentRow;
    // With a tombstone, as the retention module deletes (contract of migration 0008).
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('segmentDeletions')
        .values({ id: 'del-1', segmentId: victim.id, cameraId: victim.cameraId, segmentSeq: victim.seq, startAt: victim.startAt, endAt: victim.endAt, sha256: victim.sha256, prevChainHash: victim.prevChainHash, chainHash: victim.chainHash, bytes: victim.bytes, policy: 'RETENTION', orderRef: null, deletedAt: '2025-06-01T00:00:00.000Z' })
        .execute();
      await tx.deleteFrom('segments').where('id', '=', victim.id).execute();
    });
    unlinkSync(path.join(segmentsRoot(env.t.dataDir), victim.path));
    expect((await ledger.sync()).appended.TOMBSTONE).toBe(1);
    await ledger.checkpoint();
    const kept = await verify();
    expect(kept.ok, JSON.stringify(kept.firstProblem)).toBe(true);

    // Without one.
    const gone = c1[3] as SegmentRow;
    await db.deleteFrom('segments').where('id', '=', gone.id).execute();
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstProblem).toMatchObject({ layer: 'SEGMENT_CHAIN', code: 'MISSING_ROW', ref: `${env.cams.C1}#4` });
    expect(result.problems).toContainEqual(expect.objectContaining({ layer: 'LEAF_SOURCE', code: 'SEGMENT_GONE_WITHOUT_TOMBSTONE' }));
  });

  it('names a reordered segment row', async () => {
    await env.t.services.ledger.sync();
    const db = env.t.db.db;
    const [a, b] = [c1[1] as SegmentRow, c1[2] as SegmentRow];
    await db.updateTable('segments').set({ seq: 1000 }).where('id', '=', a.id).execute();
    await db.updateTable('segments').set({ seq: a.seq }).where('id', '=', b.id).execute();
    await db.updateTable('segments').set({ seq: b.seq }).where('id', '=', a.id).execute();
    const result = await verify();
    expect(result.firstProblem).toMatchObject({ layer: 'SEGMENT_CHAIN', ref: `${env.cams.C1}#2` });
  });

  it('names a register entry edited behind the application, even with its chain rewritten', async () => {
    const { ledger } = env.t.services;
    await ledger.sync();
    await ledger.checkpoint();
    const db = env.t.db.db;
    if (dialect === 'postgres') await sql`drop trigger access_register_append_only on access_register`.execute(db);
    else await sql`drop trigger access_register_no_update`.execute(db);
    await db.updateTable('accessRegister').set({ reasonText: '随便看看而已,没有任何理由' }).execute();
    const edited = await verify();
    expect(edited.firstProblem).toMatchObject({ layer: 'REGISTER_CHAIN', code: 'ENTRY_HASH_MISMATCH' });
    // The chain recomputed by whoever edited it: the register's own chain holds, its ledger leaf does not.
    const { chainEntryHash, GENESIS_HASH } = await import('../../src/ledger/hash-chain.ts');
    const { hashedValues } = await import('../../src/access/register/register-repository.ts');
    let prev = GENESIS_HASH;
    for (const row of await db.selectFrom('accessRegister').selectAll().orderBy('seq').execute()) {
      const entryHash = chainEntryHash(prev, hashedValues(row));
      await db.updateTable('accessRegister').set({ prevHash: prev, entryHash }).where('seq', '=', row.seq).execute();
      prev = entryHash;
    }
    expect(await env.t.services.register.verify()).toMatchObject({ ok: false, firstBad: { seq: 1, problem: 'LEDGER_LEAF_MISMATCH' } });
    const rewritten = await verify();
    expect(rewritten.firstProblem).toMatchObject({ layer: 'LEAF_SOURCE', code: 'LEAF_MISMATCH' });
  });

  it('names a forged checkpoint: another key, or the right key over a wrong root', async () => {
    const { ledger } = env.t.services;
    await ledger.sync();
    const real = await ledger.checkpoint();
    const db = env.t.db.db;
    const other = generateKeyPairSync('ed25519').privateKey;
    await db.insertInto('ledgerCheckpoints').values(signCheckpoint(other, real.keyId, { treeSize: real.treeSize, rootHash: real.rootHash, at: real.at })).execute();
    const forged = await verify();
    expect(forged.firstProblem).toMatchObject({ layer: 'CHECKPOINT', code: 'SIGNATURE_INVALID' });

    const env2 = env;
    if (dialect === 'postgres') await sql`drop trigger ledger_checkpoints_append_only on ledger_checkpoints`.execute(db);
    else await sql`drop trigger ledger_checkpoints_no_delete`.execute(db);
    await db.deleteFrom('ledgerCheckpoints').where('seq', '>', real.seq).execute();
    const key = await env2.t.services.ledger.key();
    await db.insertInto('ledgerCheckpoints').values(signCheckpoint(key.privateKey, key.keyId, { treeSize: real.treeSize, rootHash: '00'.repeat(32), at: real.at })).execute();
    const wrongRoot = await verify();
    expect(wrongRoot.firstProblem).toMatchObject({ layer: 'CHECKPOINT', code: 'ROOT_MISMATCH' });
  });
});
