/**
 * The ledger as the rest of the system sees it: follow the sources, sign checkpoints, hand out the
 * public key, the checkpoints and inclusion and consistency proofs (art. 15).
 */
import type { Db } from '../db/connect.ts';
import type { Clock } from '../shared/clock.ts';
import { checkpointSignatureValid, signCheckpoint, type SignedCheckpoint } from './checkpoint.ts';
import { appendAnchor, ANCHOR_FORMAT, defaultAnchorFile, readAnchor, type AnchorRecord } from './anchor-file.ts';
import { checkpointNotFound, ledgerKeyMissing, proofRangeInvalid, rotationReasonRequired, segmentNotInLedger } from './errors.ts';
import { rotationStatement, type RotationStatement } from './key-rotation.ts';
import { historyRepository } from '../registry/repositories/history-repository.ts';
import { followOnce, type SyncResult } from './follower.ts';
import { leafHash } from './merkle.ts';
import { ledgerRepository as repo, type CheckpointRow } from './ledger-repository.ts';
import { keyFile, loadKey, loadOrCreateKey, replaceKey, type LedgerKey } from './signing-key.ts';
import { consistencyProofAt, inclusionProofAt, rootAt } from './tree.ts';

export interface PublicKeyInfo {
  algorithm: 'Ed25519';
  keyId: string;
  publicKeyPem: string;
  checkpointFormat: string;
}

export interface InclusionAnswer {
  leafIndex: number;
  treeSize: number;
  leaf: { kind: string; ref: string; data: string; hash: string };
  proof: string[];
  rootHash: string;
}

export class LedgerService {
  /** Where each signed checkpoint is also appended (default `<dataDir>/ledger/anchor.jsonl`). */
  readonly anchorFile: string;

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      dataDir: string;
      anchorFile?: string | undefined;
      /** Told of every newly signed checkpoint (the event bus: MQTT and webhooks publish it). */
      onCheckpoint?: ((cp: CheckpointRow) => void) | undefined;
    },
  ) {
    this.anchorFile = deps.anchorFile ?? defaultAnchorFile(deps.dataDir);
  }

  /**
   * The signing key; made on first start only. Once checkpoints exist a missing key is refused:
   * a fresh key could re-sign a rewritten history, so a new one comes only through rotateKey().
   */
  async key(): Promise<LedgerKey> {
    const existing = await loadKey(this.deps.dataDir);
    if (existing) return existing;
    const latest = await repo.latestCheckpoint(this.deps.db);
    if (latest) throw ledgerKeyMissing(keyFile(this.deps.dataDir), latest.seq);
    return loadOrCreateKey(this.deps.dataDir);
  }

  /**
   * A new signing key: signed over by the old key when it is still there, else recorded as a loud
   * KEY_ROTATED entry without signature. Written to the history and the anchor file, then a
   * checkpoint is signed with the new key.
   */
  async rotateKey(reason: string, actor: string): Promise<{ rotation: RotationStatement; checkpoint: CheckpointRow }> {
    const { db, clock, dataDir } = this.deps;
    if (reason.trim().length < 4) throw rotationReasonRequired();
    const old = await loadKey(dataDir);
    const latest = await repo.latestCheckpoint(db);
    const lastAnchored = old ? undefined : await this.lastAnchoredKey();
    const fresh = await replaceKey(dataDir);
    const at = clock.now().toISOString();
    const rotation = rotationStatement(old, latest?.keyId ?? lastAnchored?.keyId ?? null, lastAnchored?.publicKeyPem ?? null, fresh, at, reason.trim());
    await historyRepository.append(db, {
      entityType: 'ledgerKey',
      entityId: fresh.keyId,
      action: 'KEY_ROTATED',
      actor,
      at,
      before: rotation.oldKeyId ? { keyId: rotation.oldKeyId, publicKeyPem: rotation.oldPublicKeyPem } : null,
      after: { ...rotation, signedByOldKey: rotation.signature !== null },
      reason: rotation.reason,
    });
    await appendAnchor(this.anchorFile, { type: 'KEY_ROTATION', format: ANCHOR_FORMAT, ...rotation });
    await this.sync();
    return { rotation, checkpoint: await this.checkpoint() };
  }

  private async lastAnchoredKey(): Promise<{ keyId: string; publicKeyPem: string } | undefined> {
    let records: AnchorRecord[];
    try {
      records = await readAnchor(this.anchorFile);
    } catch {
      return undefined;
    }
    const last = records[records.length - 1];
    if (!last) return undefined;
    return last.type === 'CHECKPOINT' ? { keyId: last.keyId, publicKeyPem: last.publicKeyPem } : { keyId: last.newKeyId, publicKeyPem: last.newPublicKeyPem };
  }

  async publicKey(): Promise<PublicKeyInfo> {
    const key = await this.key();
    return { algorithm: 'Ed25519', keyId: key.keyId, publicKeyPem: key.publicKeyPem, checkpointFormat: 'custos-ledger-checkpoint/v1\\n<tree size>\\n<root hex>\\n<ISO time>\\n' };
  }

  sync(): Promise<SyncResult> {
    return followOnce(this.deps.db, this.deps.clock);
  }

  size(): Promise<number> {
    return repo.size(this.deps.db);
  }

  /** Signs the current tree; with `onlyIfGrown`, returns the latest checkpoint when the tree has not grown since. */
  async checkpoint(onlyIfGrown = false): Promise<CheckpointRow> {
    const { db, clock } = this.deps;
    const size = await repo.size(db);
    const latest = await repo.latestCheckpoint(db);
    if (onlyIfGrown && latest && latest.treeSize === size) return latest;
    const key = await this.key();
    const body = { treeSize: size, rootHash: (await rootAt(db, size)).toString('hex'), at: clock.now().toISOString() };
    const cp = await repo.addCheckpoint(db, signCheckpoint(key.privateKey, key.keyId, body));
    // Out of the database's reach: what verify --checkpoints holds the tree against.
    await appendAnchor(this.anchorFile, { type: 'CHECKPOINT', format: ANCHOR_FORMAT, ...cp, publicKeyPem: key.publicKeyPem });
    this.deps.onCheckpoint?.(cp);
    return cp;
  }

  async checkpoints(limit: number): Promise<CheckpointRow[]> {
    return repo.checkpoints(this.deps.db, limit);
  }

  async getCheckpoint(seq: number): Promise<CheckpointRow> {
    const cp = await repo.checkpoint(this.deps.db, seq);
    if (!cp) throw checkpointNotFound(seq);
    return cp;
  }

  async signatureValid(cp: SignedCheckpoint): Promise<boolean> {
    return checkpointSignatureValid((await this.key()).publicKeyPem, cp);
  }

  async inclusion(leafIndex: number, treeSize?: number): Promise<InclusionAnswer> {
    const { db } = this.deps;
    const current = await repo.size(db);
    const size = treeSize ?? current;
    if (!(Number.isSafeInteger(leafIndex) && leafIndex >= 0 && leafIndex < size && size <= current)) throw proofRangeInvalid({ leafIndex, treeSize: size, ledgerSize: current });
    const leaf = await repo.leaf(db, leafIndex);
    if (!leaf) throw proofRangeInvalid({ leafIndex, treeSize: size, ledgerSize: current });
    const [proof, root] = await Promise.all([inclusionProofAt(db, leafIndex, size), rootAt(db, size)]);
    return {
      leafIndex,
      treeSize: size,
      leaf: { kind: leaf.kind, ref: leaf.ref, data: leaf.data, hash: leafHash(leaf.data).toString('hex') },
      proof: proof.map((p) => p.toString('hex')),
      rootHash: root.toString('hex'),
    };
  }

  async segmentInclusion(segmentId: string, treeSize: number): Promise<InclusionAnswer> {
    return this.leafInclusion('SEGMENT', segmentId, treeSize);
  }

  /** The inclusion proof of the leaf standing for a row (SEGMENT: segment id, TOMBSTONE: deletion id). */
  async leafInclusion(kind: 'SEGMENT' | 'TOMBSTONE', ref: string, treeSize: number): Promise<InclusionAnswer> {
    const leaf = await repo.leafByRef(this.deps.db, kind, ref);
    if (!leaf || leaf.idx >= treeSize) throw segmentNotInLedger(ref);
    return this.inclusion(leaf.idx, treeSize);
  }

  async consistency(first: number, second?: number): Promise<{ first: number; second: number; firstRoot: string; secondRoot: string; proof: string[] }> {
    const { db } = this.deps;
    const current = await repo.size(db);
    const to = second ?? current;
    if (!(Number.isSafeInteger(first) && first >= 0 && first <= to && to <= current)) throw proofRangeInvalid({ first, second: to, ledgerSize: current });
    const [proof, r1, r2] = await Promise.all([consistencyProofAt(db, first, to), rootAt(db, first), rootAt(db, to)]);
    return { first, second: to, firstRoot: r1.toString('hex'), secondRoot: r2.toString('hex'), proof: proof.map((p) => p.toString('hex')) };
  }
}
