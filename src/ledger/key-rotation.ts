/**
 * Key rotation statements: the text the old key signs to hand over to the new one
 *   custos-ledger-key-rotation/v1\n<old key id>\n<new key id>\n<new public key, SPKI PEM><time>\n<reason>\n
 * A rotation whose old key was lost carries no signature: it is recorded loudly (history, anchor
 * file) and `ledger verify --public-key` trusts the new key only when it is pinned as well.
 */
import { sign } from 'node:crypto';
import { signatureValid } from './checkpoint.ts';
import type { LedgerKey } from './signing-key.ts';

export const ROTATION_HEADER = 'custos-ledger-key-rotation/v1';

export interface RotationStatement {
  at: string;
  reason: string;
  oldKeyId: string | null;
  oldPublicKeyPem: string | null;
  newKeyId: string;
  newPublicKeyPem: string;
  signature: string | null;
}

export function rotationText(r: Omit<RotationStatement, 'signature' | 'oldPublicKeyPem'>): string {
  return `${ROTATION_HEADER}\n${r.oldKeyId ?? '-'}\n${r.newKeyId}\n${r.newPublicKeyPem}${r.at}\n${r.reason}\n`;
}

export function rotationStatement(oldKey: LedgerKey | undefined, oldKeyId: string | null, oldPublicKeyPem: string | null, newKey: LedgerKey, at: string, reason: string): RotationStatement {
  const body = { at, reason, oldKeyId: oldKey?.keyId ?? oldKeyId, oldPublicKeyPem: oldKey?.publicKeyPem ?? oldPublicKeyPem, newKeyId: newKey.keyId, newPublicKeyPem: newKey.publicKeyPem };
  return { ...body, signature: oldKey ? sign(null, Buffer.from(rotationText(body)), oldKey.privateKey).toString('base64') : null };
}

/** Whether the old key (given as PEM) signed this hand-over. */
export function rotationSignedBy(oldPublicKeyPem: string, r: RotationStatement): boolean {
  return r.signature !== null && signatureValid(oldPublicKeyPem, rotationText(r), r.signature);
}
