/**
 * Requests between the processes of a cluster (an API process fetching a recorder's live fragments) are
 * signed with the cluster key: HMAC-SHA-256 over the method, the path and an expiry a few seconds ahead,
 * in the header `x-custos-cluster-signature: <expires ms>.<base64url mac>`. Nothing else is trusted: the
 * internal port may be reachable by more than the cluster.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CLUSTER_SIGNATURE_HEADER = 'x-custos-cluster-signature';
/** How long a signature is good for. */
export const SIGNATURE_TTL_MS = 10_000;

const mac = (key: Buffer, method: string, path: string, expiresMs: number) =>
  createHmac('sha256', key).update(`${method.toUpperCase()}\n${path}\n${expiresMs}`).digest();

export function signClusterRequest(key: Buffer, method: string, path: string, nowMs: number = Date.now()): string {
  const expiresMs = nowMs + SIGNATURE_TTL_MS;
  return `${expiresMs}.${mac(key, method, path, expiresMs).toString('base64url')}`;
}

/** Whether `header` signs this request with `key` and has not expired (nor expires implausibly late). */
export function verifyClusterRequest(key: Buffer, method: string, path: string, header: string | undefined, nowMs: number = Date.now()): boolean {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(header ?? '');
  if (!match) return false;
  const expiresMs = Number(match[1]);
  if (expiresMs < nowMs || expiresMs > nowMs + 2 * SIGNATURE_TTL_MS) return false;
  const given = Buffer.from(match[2] as string, 'base64url');
  const expected = mac(key, method, path, expiresMs);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
