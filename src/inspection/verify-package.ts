/**
 * Checks an inspection package (its JSON file) without the server, as an inspector does at the station:
 * the body's SHA-256, the ledger key's signature over it, the signed checkpoint inside it, and what the
 * package itself reports of the register's and the ledger's verification. The key is the one the
 * inspector brings (from the sign's public page, `GET /api/ledger/public-key`, or an earlier package);
 * without one, the package's own key is used and the answer says so, since a forger would bring a key too.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { checkpointSignatureValid, signatureValid } from '../ledger/checkpoint.ts';
import { keyIdOf } from '../ledger/signing-key.ts';
import { canonicalJson, sha256Hex } from '../policy/cn-order-799/filing/index.ts';
import { inspectionPackage, signedText } from './package-schema.ts';

export interface PackageCheck {
  check: 'FORMAT' | 'SHA256' | 'SIGNATURE' | 'KEY' | 'CHECKPOINT' | 'REGISTER' | 'LEDGER';
  ok: boolean;
  detail: string;
}

export interface PackageVerification {
  ok: boolean;
  /** Whether the signature was checked against a key the verifier brought, not the package's own. */
  keyTrusted: boolean;
  keyId: string | null;
  sha256: string | null;
  checks: PackageCheck[];
}

function keyOf(pem: string): { keyId: string; fingerprintSha256: string; pem: string } {
  const key = createPublicKey(pem);
  const der = key.export({ type: 'spki', format: 'der' });
  return { keyId: keyIdOf(key), fingerprintSha256: createHash('sha256').update(der).digest('hex'), pem: key.export({ type: 'spki', format: 'pem' }).toString() };
}

export function verifyInspectionPackage(raw: unknown, options: { publicKeyPem?: string } = {}): PackageVerification {
  const parsed = inspectionPackage.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, keyTrusted: false, keyId: null, sha256: null, checks: [{ check: 'FORMAT', ok: false, detail: `not an inspection package: ${detail}` }] };
  }
  const pkg = parsed.data;
  const checks: PackageCheck[] = [{ check: 'FORMAT', ok: true, detail: pkg.format }];

  const { integrity: _integrity, ...body } = raw as Record<string, unknown>;
  const sha256 = sha256Hex(canonicalJson(body));
  checks.push({ check: 'SHA256', ok: sha256 === pkg.integrity.sha256, detail: sha256 === pkg.integrity.sha256 ? sha256 : `computed ${sha256}, package says ${pkg.integrity.sha256}` });

  const own = pkg.security.ledger.publicKey;
  let key: ReturnType<typeof keyOf> | null = null;
  let keyTrusted = false;
  try {
    if (options.publicKeyPem) {
      key = keyOf(options.publicKeyPem);
      keyTrusted = true;
    } else if (own) key = keyOf(own.publicKeyPem);
  } catch (error) {
    checks.push({ check: 'KEY', ok: false, detail: `the public key cannot be read: ${(error as Error).message}` });
  }
  if (key) {
    const matchesOwn = !own || (own.keyId === key.keyId && own.fingerprintSha256 === key.fingerprintSha256);
    checks.push({
      check: 'KEY',
      ok: matchesOwn,
      detail: matchesOwn
        ? `${keyTrusted ? 'given key' : "the package's own key (compare its id with the sign's public page)"} ${key.keyId}, fingerprint ${key.fingerprintSha256}`
        : `the package names key ${own?.keyId}, the given key is ${key.keyId}`,
    });
    const signature = pkg.integrity.signature;
    const signed = signature !== null && signature.keyId === key.keyId && signatureValid(key.pem, signedText(pkg.integrity.sha256), signature.value);
    checks.push({ check: 'SIGNATURE', ok: signed, detail: signature ? (signed ? `Ed25519 by ${signature.keyId}` : `the signature by ${signature.keyId} does not verify with key ${key.keyId}`) : 'the package is not signed' });
    const checkpoint = pkg.security.ledger.checkpoint;
    if (checkpoint) {
      const valid = checkpoint.keyId === key.keyId && checkpointSignatureValid(key.pem, checkpoint);
      checks.push({ check: 'CHECKPOINT', ok: valid, detail: `tree size ${checkpoint.treeSize}, root ${checkpoint.rootHash}, signed ${checkpoint.at}${valid ? '' : ': the signature does not verify'}` });
    } else checks.push({ check: 'CHECKPOINT', ok: false, detail: 'the package holds no signed checkpoint' });
  } else if (!checks.some((c) => c.check === 'KEY')) {
    checks.push({ check: 'KEY', ok: false, detail: 'no public key: give one with --public-key' });
  }

  const register = pkg.accessRegister.verification;
  checks.push({ check: 'REGISTER', ok: register.ok, detail: register.ok ? `${register.entries} entries, head ${register.headHash}` : `the register did not verify at ${register.firstBad ?? '?'}` });
  const ledger = pkg.security.ledger.verification;
  checks.push({ check: 'LEDGER', ok: ledger.ok, detail: ledger.ok ? `${ledger.leaves} leaves, ${ledger.checkpoints} checkpoints` : `${ledger.problems} problems, first: ${ledger.firstProblem ?? '?'}` });

  return { ok: checks.every((c) => c.ok), keyTrusted, keyId: key?.keyId ?? null, sha256, checks };
}
