/**
 * The ledger's Ed25519 key pair: made at first start under `<dataDir>/ledger/`, owner-only (0600 in a
 * 0700 folder), written atomically (temporary file, fsync, rename) so a crash never leaves half a key.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmod, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeOwnerOnly } from '../security/owner-only-file.ts';
import { ledgerKeyUnreadable } from './errors.ts';

export interface LedgerKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key. */
  publicKeyPem: string;
  /** First 16 hex digits of SHA-256 over the public key's DER (SPKI). */
  keyId: string;
}

export function keyFile(dataDir: string): string {
  return path.resolve(dataDir, 'ledger', 'ledger-signing-key.pem');
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

function fromPrivatePem(pem: string): LedgerKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey) };
}


const cache = new Map<string, Promise<LedgerKey>>();

/** The key pair on disk, read again each time, or undefined when there is none (never makes one). */
export async function loadKey(dataDir: string): Promise<LedgerKey | undefined> {
  const file = keyFile(dataDir);
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ledgerKeyUnreadable(file, String(error));
  }
  try {
    return fromPrivatePem(pem);
  } catch (error) {
    throw ledgerKeyUnreadable(file, String(error));
  }
}

/** A new key pair in place of the current one (rotation): written atomically, the old file gone. */
export async function replaceKey(dataDir: string): Promise<LedgerKey> {
  const file = keyFile(dataDir);
  cache.delete(file);
  const { privateKey } = generateKeyPairSync('ed25519');
  await rm(file, { force: true });
  await writeOwnerOnly(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return fromPrivatePem(await readFile(file, 'utf8'));
}

/** A public key given as SPKI PEM, or as the JSON GET /api/ledger/public-key serves. */
export function publicKeyFrom(text: string): { keyId: string; publicKeyPem: string } {
  const trimmed = text.trim();
  const pem = trimmed.startsWith('{') ? (JSON.parse(trimmed) as { publicKeyPem?: unknown }).publicKeyPem : trimmed;
  if (typeof pem !== 'string') throw new Error('no publicKeyPem in the JSON');
  const publicKey = createPublicKey(pem);
  return { keyId: keyIdOf(publicKey), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** The key pair, made on first use; one load per file per process. */
export function loadOrCreateKey(dataDir: string): Promise<LedgerKey> {
  const file = keyFile(dataDir);
  let pending = cache.get(file);
  if (!pending) {
    pending = load(file);
    cache.set(file, pending);
    pending.catch(() => cache.delete(file));
  }
  return pending;
}

async function load(file: string): Promise<LedgerKey> {
  let pem: string | undefined;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw ledgerKeyUnreadable(file, String(error));
  }
  if (pem === undefined) {
    const { privateKey } = generateKeyPairSync('ed25519');
    await writeOwnerOnly(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    pem = await readFile(file, 'utf8');
  } else {
    await chmod(file, 0o600);
  }
  try {
    return fromPrivatePem(pem);
  } catch (error) {
    throw ledgerKeyUnreadable(file, String(error));
  }
}
