/**
 * The ledger's tree in the database: appends leaves with every complete subtree they close (so a
 * proof reads O(log n) stored nodes and recomputes nothing else), and reads roots and proofs.
 */
import type { Db } from '../db/connect.ts';
import { withChainLock } from './hash-chain.ts';
import type { NewLeaf } from './leaves.ts';
import { ledgerRepository as repo, type NodeRow } from './ledger-repository.ts';
import { consistencySpans, inclusionSpans, leafHash, nodeHash, spanHash, spanNodes, type Span } from './merkle.ts';

export const LEDGER_LOCK = 'ledger';

/** Appends leaves in order (under the ledger's lock); returns the new tree size. */
export async function appendLeaves(db: Db, leaves: readonly NewLeaf[], at: string): Promise<number> {
  if (leaves.length === 0) return repo.size(db);
  return withChainLock(db, LEDGER_LOCK, async (tx) => {
    const n = await repo.size(tx);
    const frontierCoords = spanNodes(0, n);
    const stored = await repo.nodes(tx, frontierCoords);
    const stack: { level: number; hash: Buffer }[] = frontierCoords.map(([level, idx]) => ({ level, hash: Buffer.from(stored.get(`${level}:${idx}`) ?? '', 'hex') }));
    const nodes: NodeRow[] = [];
    const rows = leaves.map((leaf, i) => {
      const idx = n + i;
      const h = leafHash(leaf.data);
      nodes.push({ level: 0, idx, hash: h.toString('hex') });
      stack.push({ level: 0, hash: h });
      while (stack.length >= 2 && stack[stack.length - 1]?.level === stack[stack.length - 2]?.level) {
        const right = stack.pop() as { level: number; hash: Buffer };
        const left = stack.pop() as { level: number; hash: Buffer };
        const level = left.level + 1;
        const merged = nodeHash(left.hash, right.hash);
        nodes.push({ level, idx: (idx + 1) / 2 ** level - 1, hash: merged.toString('hex') });
        stack.push({ level, hash: merged });
      }
      return { idx, kind: leaf.kind, ref: leaf.ref, data: leaf.data, appendedAt: at };
    });
    await repo.insert(tx, rows, nodes);
    return n + leaves.length;
  });
}

/** Loads the stored nodes the spans need, then hashes the spans. */
async function spanHashes(db: Db, spans: readonly Span[]): Promise<Buffer[]> {
  const coords = spans.flatMap(([lo, hi]) => spanNodes(lo, hi));
  const stored = await repo.nodes(db, coords);
  const src = (level: number, idx: number): Buffer => {
    const h = stored.get(`${level}:${idx}`);
    if (!h) throw new Error(`ledger node ${level}/${idx} is missing`);
    return Buffer.from(h, 'hex');
  };
  return spans.map(([lo, hi]) => spanHash(src, lo, hi));
}

export async function rootAt(db: Db, size: number): Promise<Buffer> {
  if (size === 0) return spanHash(() => Buffer.alloc(0), 0, 0);
  return (await spanHashes(db, [[0, size]]))[0] as Buffer;
}

export async function inclusionProofAt(db: Db, leaf: number, size: number): Promise<Buffer[]> {
  return spanHashes(db, inclusionSpans(leaf, size));
}

export async function consistencyProofAt(db: Db, m: number, n: number): Promise<Buffer[]> {
  return spanHashes(db, consistencySpans(m, n));
}
