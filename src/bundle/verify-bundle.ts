/**
 * `custos verify BUNDLE`: checks an export bundle offline, with no server and no database, layer by
 * layer: the manifest's signature, the segments against their hashes, the chain links, the Merkle
 * proofs up to the checkpoint root, the checkpoint's signature, and the MP4 (its hash, and every
 * sample of it, in order, a sample of exactly those segments).
 */
import { createHash, createPublicKey } from 'node:crypto';
import { chainHash } from '../recording/chain.ts';
import { checkpointSignatureValid, signatureValid } from '../ledger/checkpoint.ts';
import { segmentLeaf, tombstoneLeaf } from '../ledger/leaves.ts';
import { leafHash, verifyInclusion } from '../ledger/merkle.ts';
import { keyIdOf } from '../ledger/signing-key.ts';
import { BUNDLE_FORMAT, MANIFEST, MANIFEST_SIG, type BundleManifest } from './manifest.ts';
import { packetHashes } from './media-tools.ts';
import { extractTo } from './extract.ts';
import { entryStream, readEntry, readTarIndex, type TarEntry } from './tar.ts';

export const BUNDLE_LAYERS = ['BUNDLE', 'MANIFEST_SIGNATURE', 'SEGMENTS', 'CHAIN', 'PROOFS', 'CHECKPOINT', 'MP4'] as const;
export type BundleLayer = (typeof BUNDLE_LAYERS)[number];

export interface LayerResult {
  layer: BundleLayer;
  ok: boolean;
  detail: string;
  /** The file inside the bundle that fails. */
  file?: string;
}

export interface BundleVerifyResult {
  ok: boolean;
  exportId?: string;
  keyId?: string;
  /** Whether the key was checked against one the verifier trusts (--public-key), not only the bundle's own. */
  keyPinned: boolean;
  layers: LayerResult[];
  firstFailure?: LayerResult;
}

export interface BundleVerifyOptions {
  /** A public key (PEM) the bundle must be signed with: the one published at /api/ledger/public-key. */
  trustedPublicKeyPem?: string;
  ffprobe?: string;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

class Failure extends Error {
  constructor(readonly result: LayerResult) {
    super(result.detail);
  }
}

const fail = (layer: BundleLayer, detail: string, file?: string): never => {
  throw new Failure({ layer, ok: false, detail, ...(file ? { file } : {}) });
};

async function sha256Of(bundle: string, entry: TarEntry): Promise<string> {
  const hash = createHash('sha256');
  if (entry.size > 0) for await (const chunk of entryStream(bundle, entry)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function verifyBundle(bundle: string, options: BundleVerifyOptions = {}): Promise<BundleVerifyResult> {
  const layers: LayerResult[] = [];
  const result: BundleVerifyResult = { ok: false, keyPinned: Boolean(options.trustedPublicKeyPem), layers };
  const pass = (layer: BundleLayer, detail: string) => layers.push({ layer, ok: true, detail });
  const progress = options.onProgress ?? (() => undefined);
  try {
    // BUNDLE: the tar and the manifest parse.
    let entries: Map<string, TarEntry> = new Map();
    try {
      entries = await readTarIndex(bundle);
    } catch (error) {
      fail('BUNDLE', `not a readable bundle: ${(error as Error).message}`);
    }
    const entry = (name: string, layer: BundleLayer): TarEntry => entries.get(name) ?? fail(layer, `${name} is missing from the bundle`, name);
    const manifestBytes = await readEntry(bundle, entry(MANIFEST, 'BUNDLE'));
    let manifest: BundleManifest | undefined;
    try {
      manifest = JSON.parse(manifestBytes.toString('utf8')) as BundleManifest;
    } catch {
      fail('MANIFEST_SIGNATURE', 'manifest.json is not valid JSON', MANIFEST);
    }
    const m = manifest as BundleManifest;
    if (m.format !== BUNDLE_FORMAT || !Array.isArray(m.cameras) || !m.checkpoint || !m.publicKey) fail('BUNDLE', `manifest.json is not a ${BUNDLE_FORMAT} manifest`, MANIFEST);
    result.exportId = m.exportId;
    pass('BUNDLE', `${entries.size} files`);

    // MANIFEST_SIGNATURE: the manifest's exact bytes, signed by the ledger key.
    const pem = options.trustedPublicKeyPem ?? m.publicKey.pem;
    let keyId = '';
    try {
      keyId = keyIdOf(createPublicKey(pem));
    } catch {
      fail('MANIFEST_SIGNATURE', 'the public key does not parse', MANIFEST);
    }
    result.keyId = keyId;
    if (options.trustedPublicKeyPem && keyId !== m.publicKey.keyId) fail('MANIFEST_SIGNATURE', `the bundle names key ${m.publicKey.keyId}, not the trusted key ${keyId}`, MANIFEST);
    const signature = (await readEntry(bundle, entry(MANIFEST_SIG, 'MANIFEST_SIGNATURE'))).toString('utf8').trim();
    if (!signatureValid(pem, manifestBytes, signature)) fail('MANIFEST_SIGNATURE', `manifest.json does not match its signature (key ${keyId})`, MANIFEST);
    pass('MANIFEST_SIGNATURE', `signed by key ${keyId}${options.trustedPublicKeyPem ? ' (trusted key given)' : ' (the bundle\'s own key: compare its id with the published one)'}`);

    // SEGMENTS: every original file matches its hash and size.
    const all = m.cameras.flatMap((c) => c.segments);
    let done = 0;
    for (const s of all) {
      const e = entry(s.path, 'SEGMENTS');
      const sha = await sha256Of(bundle, e);
      if (sha !== s.sha256 || e.size !== s.bytes) fail('SEGMENTS', `${s.path}: sha256 ${sha} (${e.size} bytes), the manifest says ${s.sha256} (${s.bytes} bytes)`, s.path);
      progress({ phase: 'segments', done: ++done, total: all.length });
    }
    pass('SEGMENTS', `${all.length} segments match their SHA-256`);

    // CHAIN: each link recomputed, each segment linked to the one before (through tombstones of deleted ones).
    for (const cam of m.cameras) {
      const tombs = new Map((cam.tombstones ?? []).map((t) => [t.segmentSeq, t]));
      cam.segments.forEach((s, i) => {
        if (chainHash(s.prevChainHash, s.sha256, { ...s, cameraId: cam.cameraId }) !== s.chainHash) fail('CHAIN', `segment ${cam.cameraId}#${s.seq}: its chain hash does not match its hash and metadata`, s.path);
        const before = cam.segments[i - 1];
        if (!before) return;
        let prev = before.chainHash;
        for (let seq = before.seq + 1; seq < s.seq; seq++) {
          const t = tombs.get(seq);
          if (!t || t.prevChainHash !== prev) fail('CHAIN', `segment ${cam.cameraId}#${seq} is missing and no tombstone links it`, s.path);
          prev = (t as { chainHash: string }).chainHash;
        }
        if (s.seq <= before.seq || s.prevChainHash !== prev) fail('CHAIN', `segment ${cam.cameraId}#${s.seq} does not link to segment ${before.seq}`, s.path);
      });
    }
    pass('CHAIN', `${m.cameras.length} camera chain(s) unbroken`);

    // PROOFS: each segment's leaf leads to the checkpoint's root.
    const root = Buffer.from(m.checkpoint.rootHash, 'hex');
    for (const cam of m.cameras) {
      for (const s of cam.segments) {
        const leaf = leafHash(segmentLeaf({ ...s, cameraId: cam.cameraId }).data);
        if (!verifyInclusion(s.leafIndex, m.checkpoint.treeSize, leaf, s.proof.map((p) => Buffer.from(p, 'hex')), root)) {
          fail('PROOFS', `segment ${cam.cameraId}#${s.seq} (leaf ${s.leafIndex}): the proof does not lead to the checkpoint root`, s.path);
        }
      }
    }
    for (const cam of m.cameras) {
      for (const t of cam.tombstones ?? []) {
        const leaf = leafHash(tombstoneLeaf({ ...t, cameraId: cam.cameraId }).data);
        if (!verifyInclusion(t.leafIndex, m.checkpoint.treeSize, leaf, t.proof.map((p) => Buffer.from(p, 'hex')), root)) {
          fail('PROOFS', `tombstone of segment ${cam.cameraId}#${t.segmentSeq} (leaf ${t.leafIndex}): the proof does not lead to the checkpoint root`, MANIFEST);
        }
      }
    }
    pass('PROOFS', `${all.length} inclusion proofs lead to root ${m.checkpoint.rootHash} (size ${m.checkpoint.treeSize})`);

    // CHECKPOINT: signed by the key.
    if (m.checkpoint.keyId !== keyId || !checkpointSignatureValid(pem, m.checkpoint)) fail('CHECKPOINT', `checkpoint ${m.checkpoint.seq} is not signed by key ${keyId}`, MANIFEST);
    pass('CHECKPOINT', `checkpoint ${m.checkpoint.seq} of ${m.checkpoint.at} signed by key ${keyId}`);

    // MP4: the clip's hash, then its samples against the segments' samples.
    for (const cam of m.cameras) {
      const clip = entry(cam.clip.path, 'MP4');
      const sha = await sha256Of(bundle, clip);
      if (sha !== cam.clip.sha256 || clip.size !== cam.clip.bytes) fail('MP4', `${cam.clip.path}: sha256 ${sha}, the manifest says ${cam.clip.sha256}`, cam.clip.path);
      await compareSamples(bundle, entries, cam, options.ffprobe);
    }
    pass('MP4', `every sample of ${m.cameras.length} clip(s) is a sample of its segments, in order`);
    result.ok = true;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    layers.push(error.result);
    result.firstFailure = error.result;
  }
  return result;
}

/** ffprobe reads files: the entries are extracted into a private temporary folder for it. */
async function compareSamples(bundle: string, entries: Map<string, TarEntry>, cam: BundleManifest['cameras'][number], ffprobe?: string): Promise<void> {
  await extractTo(bundle, entries, [cam.clip.path, ...cam.segments.map((s) => s.path)], async (files) => {
    let clipSamples: string[] = [];
    try {
      clipSamples = await packetHashes(files.get(cam.clip.path) as string, ffprobe);
    } catch (error) {
      fail('MP4', `ffprobe cannot read the clip: ${String((error as { stderr?: string }).stderr ?? error).slice(0, 300)}`, cam.clip.path);
    }
    const segmentSamples: string[] = [];
    for (const s of cam.segments) segmentSamples.push(...(await packetHashes(files.get(s.path) as string, ffprobe)));
    if (clipSamples.length !== segmentSamples.length) fail('MP4', `${cam.clip.path} has ${clipSamples.length} samples; its segments have ${segmentSamples.length}`, cam.clip.path);
    const at = clipSamples.findIndex((h, i) => h !== segmentSamples[i]);
    if (at >= 0) fail('MP4', `${cam.clip.path}: sample ${at} is not the segments' sample ${at}`, cam.clip.path);
  });
}
