/**
 * Which keys `ledger verify` trusts. Roots: the pinned keys (--public-key), else the anchor file's
 * first key, else the key on disk. A rotation hands trust on only when the trusted old key signed
 * it; a rotation without the old key's signature is named, and its new key is trusted only when
 * pinned too. Once a root comes from outside the server, the key on disk must be one of the trusted.
 */
import type { AnchorRecord } from './anchor-file.ts';
import { rotationSignedBy, type RotationStatement } from './key-rotation.ts';
import type { LedgerProblem } from './verify-model.ts';

export interface PublicKeyRef {
  keyId: string;
  publicKeyPem: string;
}

export interface Trust {
  keys: Map<string, string>;
  /** Where the roots came from. */
  source: 'PINNED' | 'ANCHOR' | 'DISK';
  problems: LedgerProblem[];
  warnings: string[];
}

export function trustedKeys(input: { pinned: PublicKeyRef[]; disk: PublicKeyRef | undefined; anchor: AnchorRecord[] | undefined; rotations: RotationStatement[] }): Trust {
  const keys = new Map<string, string>();
  const problems: LedgerProblem[] = [];
  const warnings: string[] = [];
  const anchorRoot = firstAnchoredKey(input.anchor ?? []);
  const source: Trust['source'] = input.pinned.length ? 'PINNED' : anchorRoot ? 'ANCHOR' : 'DISK';
  const roots = source === 'PINNED' ? input.pinned : source === 'ANCHOR' ? [anchorRoot as PublicKeyRef] : input.disk ? [input.disk] : [];
  for (const k of roots) keys.set(k.keyId, k.publicKeyPem);

  const rotations = [...input.rotations, ...(input.anchor ?? []).filter((r) => r.type === 'KEY_ROTATION')];
  for (const r of rotations) if (r.signature === null) warnings.push(`key ${r.newKeyId} replaced ${r.oldKeyId ?? '?'} at ${r.at} WITHOUT the old key's signature (${r.reason}); trusted only when pinned with --public-key`);
  // Forward: a trusted key that signed a hand-over makes the new key trusted.
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rotations) {
      const oldPem = r.oldKeyId ? keys.get(r.oldKeyId) : undefined;
      if (oldPem && !keys.has(r.newKeyId) && rotationSignedBy(oldPem, r)) {
        keys.set(r.newKeyId, r.newPublicKeyPem);
        grew = true;
      }
    }
  }
  if (source === 'DISK') {
    // Nothing from outside the server: the disk key's own history of rotations is all there is.
    for (const r of rotations) if (r.oldKeyId && r.oldPublicKeyPem && keys.has(r.newKeyId)) keys.set(r.oldKeyId, r.oldPublicKeyPem);
  } else if (input.disk && !keys.has(input.disk.keyId)) {
    problems.push({
      layer: 'CHECKPOINT',
      code: 'KEY_NOT_TRUSTED',
      ref: `key ${input.disk.keyId}`,
      detail: `the signing key on disk (${input.disk.keyId}) is not the ${source === 'PINNED' ? 'pinned' : 'anchored'} key (${[...keys.keys()].join(', ')}) nor handed over to by it`,
    });
  }
  return { keys, source, problems, warnings };
}

function firstAnchoredKey(records: AnchorRecord[]): PublicKeyRef | undefined {
  const first = records[0];
  if (!first) return undefined;
  if (first.type === 'CHECKPOINT') return { keyId: first.keyId, publicKeyPem: first.publicKeyPem };
  return first.oldKeyId && first.oldPublicKeyPem ? { keyId: first.oldKeyId, publicKeyPem: first.oldPublicKeyPem } : { keyId: first.newKeyId, publicKeyPem: first.newPublicKeyPem };
}
