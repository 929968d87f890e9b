/**
 * Where a webhook may post (against server-side request forgery): http or https only, no credentials
 * in the URL, never a cloud metadata service, never this server's own port on its own addresses.
 * Checked when an endpoint is saved and again at connect time (a `lookup` that refuses), so a name
 * that later resolves elsewhere is caught too. Redirects are never followed (webhook-sender.ts).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { networkInterfaces } from 'node:os';
import { LOOPBACK_NETWORKS, NetworkList, plainAddress } from '../../registry/source-networks.ts';
import { InvalidError } from '../../shared/errors.ts';

/** Instance metadata of AWS/GCP/Azure/OpenStack, Alibaba Cloud and AWS over IPv6, and "this host" 0.0.0.0/8. */
const METADATA = new NetworkList(['169.254.169.254', '100.100.100.200', 'fd00:ec2::254', '0.0.0.0/8', '::/128']);
const LOOPBACK = new NetworkList(LOOPBACK_NETWORKS);
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

export type TargetRefusal = 'SCHEME' | 'CREDENTIALS' | 'METADATA' | 'OWN_PORT' | 'MALFORMED';

export function targetRefused(reason: TargetRefusal, url: string, address?: string): InvalidError {
  const text: Record<TargetRefusal, { zh: string; en: string }> = {
    MALFORMED: { zh: 'Webhook 地址格式不正确', en: 'The webhook URL is malformed' },
    SCHEME: { zh: 'Webhook 地址只能是 http 或 https', en: 'A webhook URL must be http or https' },
    CREDENTIALS: { zh: 'Webhook 地址不得包含用户名或密码', en: 'A webhook URL must not carry a user name or password' },
    METADATA: { zh: 'Webhook 地址不得指向云主机元数据服务', en: 'A webhook URL must not point at a cloud metadata service' },
    OWN_PORT: { zh: 'Webhook 地址不得指向本服务的端口', en: "A webhook URL must not point at this server's own port" },
  };
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    // malformed: no host to name
  }
  return new InvalidError('E_WEBHOOK_TARGET_FORBIDDEN', { article: '23(3)', message: text[reason], details: { field: 'url', reason, host, ...(address ? { address } : {}) } });
}

function ownAddresses(): Set<string> {
  return new Set(
    Object.values(networkInterfaces())
      .flat()
      .map((i) => (i ? plainAddress(i.address).address : '')),
  );
}

/** The refusal for one resolved address, if any. */
export function addressRefusal(address: string, port: number, ownPorts: readonly number[]): TargetRefusal | undefined {
  if (METADATA.has(address)) return 'METADATA';
  if (ownPorts.includes(port) && (LOOPBACK.has(address) || ownAddresses().has(plainAddress(address).address))) return 'OWN_PORT';
  return undefined;
}

export function portOf(url: URL): number {
  return url.port ? Number(url.port) : (DEFAULT_PORTS[url.protocol] ?? 0);
}

/** The URL's form (scheme, no credentials) and, where the host is an address, the address itself. */
export function checkWebhookUrl(url: string, ownPorts: readonly number[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw targetRefused('MALFORMED', url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw targetRefused('SCHEME', url);
  if (parsed.username || parsed.password) throw targetRefused('CREDENTIALS', url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const refusal = addressRefusal(host, portOf(parsed), ownPorts);
    if (refusal) throw targetRefused(refusal, url, host);
  }
  return parsed;
}

/** A `lookup` for http.request that refuses, at connect time, the addresses a webhook may not reach. */
export function guardedLookup(url: string, port: number, ownPorts: () => readonly number[]): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      for (const { address } of addresses) {
        const refusal = addressRefusal(address, port, ownPorts());
        if (refusal) return callback(targetRefused(refusal, url, address), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} does not resolve`), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}
