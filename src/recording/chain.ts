/**
 * The per-camera hash chain (REG-15-4): h_n = SHA-256(tag ‖ h_{n-1} ‖ segmentHash_n ‖ meta_n).
 * The tag keeps these hashes from ever colliding with another use of SHA-256 in the system; the
 * metadata is a JSON array of fixed order and types, so one byte string has one reading.
 */
import { createHash } from 'node:crypto';

const LINK_TAG = 'custos:chain:segment:v1\n';
const GENESIS_TAG = 'custos:chain:genesis:';

export interface ChainedMeta {
  cameraId: string;
  seq: number;
  startAt: string;
  endAt: string;
  bytes: number;
  codec: string;
  frames: number;
}

/** The `prev` of a camera's first segment. */
export function genesisHash(cameraId: string): string {
  return createHash('sha256').update(GENESIS_TAG + cameraId).digest('hex');
}

export function canonicalMeta(m: ChainedMeta): string {
  return JSON.stringify([m.cameraId, m.seq, m.startAt, m.endAt, m.bytes, m.codec, m.frames]);
}

export function chainHash(prevChainHash: string, sha256: string, meta: ChainedMeta): string {
  return createHash('sha256')
    .update(LINK_TAG)
    .update(Buffer.from(prevChainHash, 'hex'))
    .update(Buffer.from(sha256, 'hex'))
    .update(canonicalMeta(meta))
    .digest('hex');
}
