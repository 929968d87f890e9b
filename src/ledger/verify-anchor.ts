/**
 * The database's tree against the checkpoints exported to the anchor file: each one signed by a
 * trusted key, not beyond the current size, and the root of the tree recomputed from the leaves at
 * its size equal to its root. Together: nothing before the newest anchored checkpoint was removed
 * or changed, whatever was re-signed inside the database.
 */
import type { AnchorRecord } from './anchor-file.ts';
import { checkpointSignatureValid } from './checkpoint.ts';
import { keyIdOf } from './signing-key.ts';
import type { Problems } from './verify-model.ts';
import { createPublicKey } from 'node:crypto';

export function anchoredSizes(records: AnchorRecord[]): number[] {
  return records.flatMap((r) => (r.type === 'CHECKPOINT' ? [r.treeSize] : []));
}

function ownKeyId(pem: string): string | undefined {
  try {
    return keyIdOf(createPublicKey(pem));
  } catch {
    return undefined;
  }
}

export function verifyAnchor(records: AnchorRecord[], size: number, roots: Map<number, Buffer>, keys: Map<string, string>, problems: Problems): number {
  let checked = 0;
  for (const [i, r] of records.entries()) {
    if (r.type !== 'CHECKPOINT') continue;
    checked++;
    const ref = `anchor line ${i + 1} (checkpoint ${r.seq}, size ${r.treeSize})`;
    if (ownKeyId(r.publicKeyPem) !== r.keyId || !checkpointSignatureValid(r.publicKeyPem, r)) {
      problems.add({ layer: 'ANCHOR', code: 'SIGNATURE_INVALID', ref, detail: `${ref} is not signed by the key it names (${r.keyId})` });
    } else if (!keys.has(r.keyId)) {
      problems.add({ layer: 'ANCHOR', code: 'KEY_NOT_TRUSTED', ref, detail: `${ref} is signed by ${r.keyId}, which is neither pinned nor handed over to by a signed rotation` });
    } else if (r.treeSize > size) {
      problems.add({ layer: 'ANCHOR', code: 'TREE_TRUNCATED', ref, detail: `${ref}: the anchored checkpoint covers ${r.treeSize} leaves; the database's ledger has ${size}` });
    } else if (r.treeSize > 0 && roots.get(r.treeSize)?.toString('hex') !== r.rootHash) {
      problems.add({ layer: 'ANCHOR', code: 'ROOT_MISMATCH', ref, detail: `${ref}: the database's leaves give another root at size ${r.treeSize}; entries it covers were removed or changed` });
    }
  }
  return checked;
}
