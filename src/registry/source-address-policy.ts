/**
 * Where a camera's source URL may point (against server-side request forgery, art. 15): every address
 * its host resolves to must lie in the allowed camera networks (recording.allowedSourceNetworks);
 * loopback only while the demo simulator runs; the server's own ports on its own addresses never.
 * Checked when a camera's source is set and again by the recorder before it connects (DNS may change).
 */
import { isGbStreamUrl } from '../gb28181/stream-url.ts';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Config } from '../config/schema.ts';
import { InvalidError } from '../shared/errors.ts';
import { LOOPBACK_NETWORKS, NetworkList, plainAddress } from './source-networks.ts';

const DEFAULT_PORTS: Record<string, number> = { 'rtsp:': 554, 'rtsps:': 322, 'http:': 80, 'https:': 443 };
const RESOLVE_TIMEOUT_MS = 3000;
const LOOPBACK = new NetworkList(LOOPBACK_NETWORKS);
/** Cloud instance metadata services: inside link-local and unique-local space, never a camera. */
const METADATA = new NetworkList(['169.254.169.254', 'fd00:ec2::254']);

export interface SourceAddressPolicy {
  allowed: NetworkList;
  allowLoopback: boolean;
  /** The ports this server listens on (read at each check: a port 0 is known only once listening). */
  ownPorts: () => readonly number[];
  /** Every address of a host name; tests replace it. */
  resolve?: (host: string) => Promise<string[]>;
}

export function sourceAddressPolicy(config: Config, ownPorts: () => readonly number[]): SourceAddressPolicy {
  return policyOfRules({ networks: config.recording.allowedSourceNetworks, allowLoopback: config.demo.enabled, ownPorts: [] }, ownPorts);
}

/** The policy as plain data, for recorder worker threads. */
export interface SourceAddressRules {
  networks: readonly string[];
  allowLoopback: boolean;
  ownPorts: readonly number[];
}

export function rulesOf(policy: SourceAddressPolicy): SourceAddressRules {
  return { networks: policy.allowed.networks, allowLoopback: policy.allowLoopback, ownPorts: [...policy.ownPorts()] };
}

export function policyOfRules(rules: SourceAddressRules, ownPorts: () => readonly number[] = () => rules.ownPorts): SourceAddressPolicy {
  return { allowed: new NetworkList(rules.networks), allowLoopback: rules.allowLoopback, ownPorts };
}

type Refusal = 'NOT_ALLOWED_NETWORK' | 'LOOPBACK' | 'OWN_PORT' | 'METADATA' | 'UNRESOLVED';

function refused(reason: Refusal, host: string, port: number, address?: string): InvalidError {
  const text: Record<Refusal, { zh: string; en: string }> = {
    NOT_ALLOWED_NETWORK: {
      zh: `视频源地址 ${address ?? host} 不在允许的摄像机网络内(recording.allowedSourceNetworks)`,
      en: `The source address ${address ?? host} is outside the allowed camera networks (recording.allowedSourceNetworks)`,
    },
    LOOPBACK: { zh: '视频源地址不得指向本机', en: 'The source address must not point at this server itself' },
    METADATA: { zh: '视频源地址不得指向云主机元数据服务', en: 'The source address must not point at a cloud metadata service' },
    OWN_PORT: { zh: '视频源地址不得指向本服务的端口', en: "The source address must not point at this server's own port" },
    UNRESOLVED: { zh: `无法解析视频源主机名 ${host}`, en: `The source host name ${host} does not resolve` },
  };
  return new InvalidError(reason === 'UNRESOLVED' ? 'E_SOURCE_HOST_UNRESOLVED' : 'E_SOURCE_ADDRESS_FORBIDDEN', {
    article: '15',
    message: text[reason],
    details: { field: 'sourceUrl', reason, host, port, ...(address ? { address } : {}) },
  });
}

async function resolveHost(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), RESOLVE_TIMEOUT_MS);
  });
  try {
    const answers = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
    return answers.map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
}

function ownAddresses(): Set<string> {
  return new Set(
    Object.values(networkInterfaces())
      .flat()
      .map((i) => (i ? plainAddress(i.address).address : '')),
  );
}

/** Refuses a source URL whose host is, or resolves to, an address the policy does not allow. No policy: no check. */
export async function checkSourceAddress(url: string | null, policy: SourceAddressPolicy | undefined): Promise<void> {
  // gb28181://<device>/<channel> names a device that registered with the SIP side: there is no host to check.
  if (url === null || !policy || isGbStreamUrl(url)) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return; // the scheme check answers malformed URLs
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const port = parsed.port ? Number(parsed.port) : (DEFAULT_PORTS[parsed.protocol] ?? 0);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (policy.resolve ?? resolveHost)(host);
  } catch {
    throw refused('UNRESOLVED', host, port);
  }
  if (addresses.length === 0) throw refused('UNRESOLVED', host, port);
  const own = policy.ownPorts().includes(port) ? ownAddresses() : undefined;
  for (const address of addresses) {
    const loopback = LOOPBACK.has(address);
    if (METADATA.has(address)) throw refused('METADATA', host, port, address);
    if (own && (loopback || own.has(plainAddress(address).address))) throw refused('OWN_PORT', host, port, address);
    if (!policy.allowed.has(address) && !(loopback && policy.allowLoopback)) throw refused(loopback ? 'LOOPBACK' : 'NOT_ALLOWED_NETWORK', host, port, address);
  }
}
