/**
 * What the ledger's leaves say: one canonical JSON array per leaf, its first element the kind.
 * The bytes hashed are the UTF-8 of that text (leaf hash = SHA-256(0x00 ‖ bytes)), so anyone can
 * recompute a leaf from the row it stands for.
 */
export const LEAF_KINDS = ['SEGMENT', 'TOMBSTONE', 'REGISTER', 'HISTORY'] as const;
export type LeafKind = (typeof LEAF_KINDS)[number];

export interface SegmentLeafFields {
  id: string;
  cameraId: string;
  seq: number;
  startAt: string;
  endAt: string;
  sha256: string;
  chainHash: string;
}

export interface TombstoneLeafFields {
  id: string;
  segmentId: string;
  cameraId: string;
  segmentSeq: number;
  startAt: string;
  endAt: string;
  sha256: string;
  chainHash: string;
  policy: string;
  orderRef: string | null;
  deletedAt: string;
}

export interface NewLeaf {
  kind: LeafKind;
  /** The source row: segment id, deletion id, register seq, history seq. */
  ref: string;
  data: string;
}

export function segmentLeaf(s: SegmentLeafFields): NewLeaf {
  return { kind: 'SEGMENT', ref: s.id, data: JSON.stringify(['SEGMENT', s.id, s.cameraId, Number(s.seq), s.startAt, s.endAt, s.sha256, s.chainHash]) };
}

export function tombstoneLeaf(d: TombstoneLeafFields): NewLeaf {
  return {
    kind: 'TOMBSTONE',
    ref: d.id,
    data: JSON.stringify(['TOMBSTONE', d.id, d.segmentId, d.cameraId, Number(d.segmentSeq), d.startAt, d.endAt, d.sha256, d.chainHash, d.policy, d.orderRef, d.deletedAt]),
  };
}

export function registerLeaf(seq: number, id: string, entryHash: string): NewLeaf {
  return { kind: 'REGISTER', ref: String(seq), data: JSON.stringify(['REGISTER', Number(seq), id, entryHash]) };
}

export function historyLeaf(seq: number, entryHash: string): NewLeaf {
  return { kind: 'HISTORY', ref: String(seq), data: JSON.stringify(['HISTORY', Number(seq), entryHash]) };
}

/** A segment leaf's fields back from its data (for verifiers). */
export function parseSegmentLeaf(data: string): SegmentLeafFields | null {
  const a = JSON.parse(data) as unknown[];
  if (a[0] !== 'SEGMENT' || a.length !== 8) return null;
  const [, id, cameraId, seq, startAt, endAt, sha256, chainHash] = a as [string, string, string, number, string, string, string, string];
  return { id, cameraId, seq, startAt, endAt, sha256, chainHash };
}
