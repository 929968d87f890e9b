/**
 * Writes an export bundle: the original segments (checked against their index hashes on the way
 * out), one MP4 per camera remuxed from them, a manifest with chain links and Merkle inclusion
 * proofs up to a freshly signed checkpoint, the manifest's signature and the public key.
 */
import { hashFile } from '../shared/file-hash.ts';
import { createHash, sign } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { SegmentRow } from '../recording/model.ts';
import type { SegmentReader } from '../recording/segment-store.ts';
import type { LedgerService } from '../ledger/ledger-service.ts';
import type { DeletionRow } from '../ledger/source-repository.ts';
import { remuxFailed } from '../ledger/errors.ts';
import { ConflictError } from '../shared/errors.ts';
import { BUNDLE_FORMAT, clipPath, MANIFEST, MANIFEST_SIG, PUBLIC_KEY, segmentPath, type BundleCamera, type BundleManifest } from './manifest.ts';
import { remuxSegments } from './media-tools.ts';
import { TarWriter } from './tar.ts';

export interface BundleInput {
  exportId: string;
  createdAt: Date;
  range: { from: string; to: string };
  segments: Map<string, SegmentRow[]>;
  /** Deletions whose segment seq lies between the first and the last exported segment, per camera. */
  tombstones: Map<string, DeletionRow[]>;
  exporter: BundleManifest['exporter'];
  approver: BundleManifest['approver'];
  reason: BundleManifest['reason'];
  basis: BundleManifest['basis'];
  exportRequestId: string | null;
}

export interface BuiltBundle {
  file: string;
  sha256: string;
  bytes: number;
  manifest: BundleManifest;
}

export interface BundleDeps {
  store: SegmentReader;
  ledger: LedgerService;
  ffmpegPath?: string;
  /** Where work files go (removed afterwards). */
  workRoot: string;
}

function tampered(segment: SegmentRow, sha256: string): ConflictError {
  return new ConflictError('E_EXPORT_ORIGINAL_CHANGED', {
    article: '15',
    message: { zh: `录像片段 ${segment.cameraId}#${segment.seq} 与入库哈希不一致,拒绝导出`, en: `Segment ${segment.cameraId}#${segment.seq} no longer matches its ingest hash; export refused` },
    details: { segmentId: segment.id, expected: segment.sha256, actual: sha256 },
  });
}

/** Copies a segment out of the store, refusing one whose bytes differ from its ingest hash. */
async function copyOriginal(store: SegmentReader, segment: SegmentRow, to: string): Promise<void> {
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(await store.openRead(segment.path), tap, createWriteStream(to, { flags: 'wx', mode: 0o600 }));
  const sha256 = hash.digest('hex');
  if (sha256 !== segment.sha256) throw tampered(segment, sha256);
}

export async function buildBundle(deps: BundleDeps, input: BundleInput, out: string): Promise<BuiltBundle> {
  await mkdir(deps.workRoot, { recursive: true });
  const work = await mkdtemp(path.join(deps.workRoot, 'bundle-'));
  let created = false;
  try {
    await deps.ledger.sync();
    const checkpoint = await deps.ledger.checkpoint();
    const key = await deps.ledger.key();
    const cameras: BundleCamera[] = [];
    const files: { name: string; file: string }[] = [];
    for (const [cameraId, rows] of input.segments) {
      const copies: string[] = [];
      const segments: BundleCamera['segments'] = [];
      for (const row of rows) {
        const name = segmentPath(cameraId, row.seq);
        const file = path.join(work, name);
        await mkdir(path.dirname(file), { recursive: true });
        await copyOriginal(deps.store, row, file);
        copies.push(file);
        files.push({ name, file });
        const proof = await deps.ledger.segmentInclusion(row.id, checkpoint.treeSize);
        const { id, seq, startAt, endAt, codec, frames, sha256, prevChainHash, chainHash } = row;
        segments.push({ id, seq, path: name, startAt, endAt, bytes: Number(row.bytes), codec, frames, sha256, prevChainHash, chainHash, leafIndex: proof.leafIndex, proof: proof.proof });
      }
      const clipName = clipPath(cameraId);
      const clip = path.join(work, clipName);
      await mkdir(path.dirname(clip), { recursive: true });
      try {
        await remuxSegments(copies, clip, deps.ffmpegPath);
      } catch (error) {
        throw remuxFailed(String((error as { stderr?: string }).stderr ?? error));
      }
      files.push({ name: clipName, file: clip });
      const tombstones: BundleCamera['tombstones'] = [];
      for (const d of input.tombstones.get(cameraId) ?? []) {
        const proof = await deps.ledger.leafInclusion('TOMBSTONE', d.id, checkpoint.treeSize);
        const { id, segmentId, segmentSeq, startAt, endAt, sha256, prevChainHash, chainHash, policy, orderRef, deletedAt } = d;
        tombstones.push({ id, segmentId, segmentSeq, startAt, endAt, sha256, prevChainHash, chainHash, policy, orderRef, deletedAt, leafIndex: proof.leafIndex, proof: proof.proof });
      }
      cameras.push({ cameraId, clip: { path: clipName, ...(await hashFile(clip)) }, segments, tombstones });
    }
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      exportId: input.exportId,
      createdAt: input.createdAt.toISOString(),
      range: input.range,
      coverage: 'whole segments overlapping the range; the MP4 is their samples in order, remuxed without re-encoding',
      exporter: input.exporter,
      approver: input.approver,
      reason: input.reason,
      basis: input.basis,
      exportRequestId: input.exportRequestId,
      cameras,
      checkpoint: { seq: checkpoint.seq, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, at: checkpoint.at, keyId: checkpoint.keyId, signature: checkpoint.signature },
      publicKey: { algorithm: 'Ed25519', keyId: key.keyId, pem: key.publicKeyPem },
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    const tar = await TarWriter.create(out, input.createdAt);
    created = true;
    try {
      await tar.addBuffer(MANIFEST, manifestBytes);
      await tar.addBuffer(MANIFEST_SIG, Buffer.from(`${sign(null, manifestBytes, key.privateKey).toString('base64')}\n`));
      await tar.addBuffer(PUBLIC_KEY, Buffer.from(key.publicKeyPem));
      for (const f of files) await tar.addFile(f.name, createReadStream(f.file), (await stat(f.file)).size);
    } finally {
      await tar.close();
    }
    return { file: out, ...(await hashFile(out)), manifest };
  } catch (error) {
    if (created) await rm(out, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
