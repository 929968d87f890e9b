/**
 * The tree from its leaves: every leaf hash recomputed from its data, every stored subtree from its
 * children, every checkpoint's root recomputed from the leaves and its signature checked.
 */
import type { Db } from '../db/connect.ts';
import { checkpointSignatureValid } from './checkpoint.ts';
import { ledgerRepository as repo } from './ledger-repository.ts';
import { leafHash, nodeHash } from './merkle.ts';
import type { Problems, ProgressFn } from './verify-model.ts';

const PAGE = 5000;

/** Folds a compact range (perfect subtrees, left to right) into the root. */
function foldRoot(stack: { level: number; hash: Buffer }[]): Buffer {
  let root = (stack[stack.length - 1] as { hash: Buffer }).hash;
  for (let i = stack.length - 2; i >= 0; i--) root = nodeHash((stack[i] as { hash: Buffer }).hash, root);
  return root;
}

/**
 * Checks the tree and the database's checkpoints against the trusted keys (key id → SPKI PEM);
 * returns the roots recomputed from the leaves at every checkpoint size and at `extraSizes`.
 */
export async function verifyTree(db: Db, size: number, keys: Map<string, string>, problems: Problems, onProgress: ProgressFn, extraSizes: readonly number[] = []): Promise<Map<number, Buffer>> {
  const checkpoints = (await repo.checkpoints(db, 1_000_000)).sort((a, b) => a.treeSize - b.treeSize || a.seq - b.seq);
  const sizes = [...new Set([...checkpoints.map((c) => c.treeSize), ...extraSizes])].sort((a, b) => a - b);
  const progress = { phase: 'tree' as const, done: 0, total: size };
  onProgress({ ...progress });
  const stack: { level: number; hash: Buffer }[] = [];
  let next = 0;
  const roots = new Map<number, Buffer>();
  const settle = (n: number) => {
    while (sizes[next] !== undefined && (sizes[next] as number) <= n) {
      if (sizes[next] === n) roots.set(n, n === 0 ? leafHash('').subarray(0, 0) : foldRoot(stack));
      next++;
    }
  };
  settle(0);
  for (let from = 0; from < size; from += PAGE) {
    const leaves = await repo.leaves(db, from, PAGE);
    const stored = await repo.levelNodes(db, 0, from, PAGE);
    for (let i = 0; i < leaves.length; i++) {
      const leaf = leaves[i] as { idx: number; data: string };
      const h = leafHash(leaf.data);
      if (leaf.idx !== from + i) problems.add({ layer: 'TREE', code: 'LEAF_MISSING', ref: `leaf ${from + i}`, detail: `leaf ${from + i} is missing (found ${leaf.idx})` });
      const node = stored[i];
      if (!node || node.idx !== leaf.idx || node.hash !== h.toString('hex')) problems.add({ layer: 'TREE', code: 'LEAF_HASH_MISMATCH', ref: `leaf ${leaf.idx}`, detail: `the stored hash of leaf ${leaf.idx} does not match its data` });
      stack.push({ level: 0, hash: h });
      while (stack.length >= 2 && stack[stack.length - 1]?.level === stack[stack.length - 2]?.level) {
        const right = stack.pop() as { level: number; hash: Buffer };
        const left = stack.pop() as { level: number; hash: Buffer };
        stack.push({ level: left.level + 1, hash: nodeHash(left.hash, right.hash) });
      }
      settle(leaf.idx + 1);
    }
    progress.done += leaves.length;
    onProgress({ ...progress });
    if (leaves.length < PAGE) break;
  }
  await verifyInteriorNodes(db, problems);
  onProgress({ phase: 'checkpoints', done: 0, total: checkpoints.length });
  for (const cp of checkpoints) {
    const ref = `checkpoint ${cp.seq}`;
    const pem = keys.get(cp.keyId);
    if (pem === undefined || !checkpointSignatureValid(pem, cp)) {
      problems.add({ layer: 'CHECKPOINT', code: 'SIGNATURE_INVALID', ref, detail: `checkpoint ${cp.seq} (size ${cp.treeSize}) is not signed by a trusted ledger key (${[...keys.keys()].join(', ')})` });
    } else if (cp.treeSize > size) {
      problems.add({ layer: 'CHECKPOINT', code: 'TREE_TRUNCATED', ref, detail: `checkpoint ${cp.seq} covers ${cp.treeSize} leaves; the ledger has ${size}` });
    } else if (cp.treeSize > 0 && roots.get(cp.treeSize)?.toString('hex') !== cp.rootHash) {
      problems.add({ layer: 'CHECKPOINT', code: 'ROOT_MISMATCH', ref, detail: `checkpoint ${cp.seq}: the leaves give another root for size ${cp.treeSize}` });
    }
  }
  onProgress({ phase: 'checkpoints', done: checkpoints.length, total: checkpoints.length });
  return roots;
}

/** Every stored subtree above the leaves equals the hash of its two children. */
async function verifyInteriorNodes(db: Db, problems: Problems): Promise<void> {
  for (let level = 1; ; level++) {
    let from = 0;
    let any = false;
    for (;;) {
      const nodes = await repo.levelNodes(db, level, from, PAGE);
      if (nodes.length === 0) break;
      any = true;
      const first = (nodes[0] as { idx: number }).idx;
      const children = new Map((await repo.levelNodes(db, level - 1, first * 2, nodes.length * 2 + 2)).map((c) => [c.idx, c.hash]));
      for (const node of nodes) {
        const l = children.get(node.idx * 2);
        const r = children.get(node.idx * 2 + 1);
        if (!l || !r || nodeHash(Buffer.from(l, 'hex'), Buffer.from(r, 'hex')).toString('hex') !== node.hash) {
          problems.add({ layer: 'TREE', code: 'NODE_MISMATCH', ref: `node ${level}/${node.idx}`, detail: `stored subtree ${level}/${node.idx} is not the hash of its children` });
        }
      }
      from = (nodes[nodes.length - 1] as { idx: number }).idx + 1;
      if (nodes.length < PAGE) break;
    }
    if (!any) return;
  }
}
