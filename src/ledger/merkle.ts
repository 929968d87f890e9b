/**
 * The Merkle tree hash of RFC 6962 §2.1 / RFC 9162 §2.1: leaf = SHA-256(0x00 ‖ leaf),
 * node = SHA-256(0x01 ‖ left ‖ right), MTH splitting at the largest power of two below n.
 * Pure functions over a node source, so that the same code runs over the database's stored
 * subtrees, over an array in memory, and in the offline bundle verifier.
 */
import { hash } from 'node:crypto';

export const EMPTY_ROOT = hash('sha256', Buffer.alloc(0), 'buffer');

// Scratch buffers: the prefix and the input are laid out once, with no concatenation per hash
// (verification hashes twice per leaf; the per-call cost is what bounds it).
let leafScratch = Buffer.alloc(4096);
const nodeScratch = Buffer.alloc(65);
nodeScratch[0] = 1;

export function leafHash(leaf: Buffer | string): Buffer {
  const length = typeof leaf === 'string' ? Buffer.byteLength(leaf, 'utf8') : leaf.length;
  if (length + 1 > leafScratch.length) leafScratch = Buffer.alloc(2 * (length + 1));
  leafScratch[0] = 0;
  if (typeof leaf === 'string') leafScratch.write(leaf, 1, 'utf8');
  else leaf.copy(leafScratch, 1);
  return hash('sha256', leafScratch.subarray(0, length + 1), 'buffer');
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length !== 32 || right.length !== 32) return hash('sha256', Buffer.concat([nodeScratch.subarray(0, 1), left, right]), 'buffer');
  left.copy(nodeScratch, 1);
  right.copy(nodeScratch, 33);
  return hash('sha256', nodeScratch, 'buffer');
}

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A range of leaves [lo, hi). */
export type Span = readonly [number, number];

/** The hash of the complete subtree at (level, idx): leaves idx·2^level .. (idx+1)·2^level − 1. */
export type NodeSource = (level: number, idx: number) => Buffer;

const isPow2 = (n: number): boolean => n > 0 && Number.isInteger(Math.log2(n));

/** Complete subtrees whose hashes give MTH(D[lo:hi]) (lo aligned as in every MTH recursion). */
export function spanNodes(lo: number, hi: number, out: [number, number][] = []): [number, number][] {
  const n = hi - lo;
  if (n <= 0) return out;
  if (isPow2(n) && lo % n === 0) {
    out.push([Math.log2(n), lo / n]);
    return out;
  }
  const k = splitPoint(n);
  spanNodes(lo, lo + k, out);
  return spanNodes(lo + k, hi, out);
}

/** MTH(D[lo:hi]) from stored complete subtrees. */
export function spanHash(src: NodeSource, lo: number, hi: number): Buffer {
  const n = hi - lo;
  if (n === 0) return EMPTY_ROOT;
  if (isPow2(n) && lo % n === 0) return src(Math.log2(n), lo / n);
  const k = splitPoint(n);
  return nodeHash(spanHash(src, lo, lo + k), spanHash(src, lo + k, hi));
}

/** The spans of RFC 6962 PATH(m, D[0:n]), leaf to root. */
export function inclusionSpans(m: number, n: number): Span[] {
  const out: Span[] = [];
  const path = (lo: number, hi: number): void => {
    if (hi - lo <= 1) return;
    const k = splitPoint(hi - lo);
    if (m - lo < k) {
      path(lo, lo + k);
      out.push([lo + k, hi]);
    } else {
      path(lo + k, hi);
      out.push([lo, lo + k]);
    }
  };
  path(0, n);
  return out;
}

/** The spans of RFC 6962 PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true). */
export function consistencySpans(m: number, n: number): Span[] {
  const out: Span[] = [];
  const sub = (m2: number, lo: number, hi: number, whole: boolean): void => {
    if (m2 === hi - lo) {
      if (!whole) out.push([lo, hi]);
      return;
    }
    const k = splitPoint(hi - lo);
    if (m2 <= k) {
      sub(m2, lo, lo + k, whole);
      out.push([lo + k, hi]);
    } else {
      sub(m2 - k, lo + k, hi, false);
      out.push([lo, lo + k]);
    }
  };
  if (m > 0 && m < n) sub(m, 0, n, true);
  return out;
}

/** A node source over leaf hashes in memory (tests, bench, small trees). */
export function memorySource(leafHashes: readonly Buffer[]): NodeSource {
  const levels: Buffer[][] = [leafHashes as Buffer[]];
  for (let level = 0; (levels[level] as Buffer[]).length > 1; level++) {
    const below = levels[level] as Buffer[];
    const up: Buffer[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) up.push(nodeHash(below[i] as Buffer, below[i + 1] as Buffer));
    levels.push(up);
  }
  return (level, idx) => {
    const h = levels[level]?.[idx];
    if (!h) throw new Error(`no node ${level}/${idx}`);
    return h;
  };
}

export function rootOf(src: NodeSource, size: number): Buffer {
  return spanHash(src, 0, size);
}

export function inclusionProof(src: NodeSource, m: number, n: number): Buffer[] {
  return inclusionSpans(m, n).map(([lo, hi]) => spanHash(src, lo, hi));
}

export function consistencyProof(src: NodeSource, m: number, n: number): Buffer[] {
  return consistencySpans(m, n).map(([lo, hi]) => spanHash(src, lo, hi));
}

/** RFC 9162 §2.1.3.2: does `proof` lead from the leaf hash at `index` to `root` of a tree of `size`? */
export function verifyInclusion(index: number, size: number, leaf: Buffer, proof: readonly Buffer[], root: Buffer): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show that the tree of size `m` (root1) is a prefix of the tree of size `n` (root2)? */
export function verifyConsistency(m: number, n: number, root1: Buffer, root2: Buffer, proof: readonly Buffer[]): boolean {
  if (m > n || m < 0) return false;
  if (m === n) return proof.length === 0 && root1.equals(root2);
  if (m === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPow2(m) ? [root1, ...proof] : [...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Buffer;
  let sr = path[0] as Buffer;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}
