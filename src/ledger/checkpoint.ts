/**
 * Signed checkpoints: the text signed is
 *   custos-ledger-checkpoint/v1\n<tree size>\n<root hash, hex>\n<time, ISO 8601>\n
 * with Ed25519 (signature in base64). Pure: the offline bundle verifier uses the same code.
 */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export const CHECKPOINT_HEADER = 'custos-ledger-checkpoint/v1';

export interface CheckpointBody {
  treeSize: number;
  rootHash: string;
  at: string;
}

export interface SignedCheckpoint extends CheckpointBody {
  keyId: string;
  signature: string;
}

export function checkpointText(cp: CheckpointBody): string {
  return `${CHECKPOINT_HEADER}\n${cp.treeSize}\n${cp.rootHash}\n${cp.at}\n`;
}

export function signCheckpoint(privateKey: KeyObject, keyId: string, body: CheckpointBody): SignedCheckpoint {
  return { ...body, keyId, signature: sign(null, Buffer.from(checkpointText(body)), privateKey).toString('base64') };
}

export function signatureValid(publicKeyPem: string, message: Buffer | string, signatureB64: string): boolean {
  try {
    return verify(null, typeof message === 'string' ? Buffer.from(message) : message, createPublicKey(publicKeyPem), Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

export function checkpointSignatureValid(publicKeyPem: string, cp: SignedCheckpoint): boolean {
  return signatureValid(publicKeyPem, checkpointText(cp), cp.signature);
}
