/** Networks as CIDR text, and whether an address lies in one (IPv4-mapped IPv6 addresses count as IPv4). */
import { BlockList, isIP } from 'node:net';

/** Private camera networks: RFC 1918, IPv6 unique local, and link-local of both families. */
export const DEFAULT_SOURCE_NETWORKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', 'fc00::/7', 'fe80::/10'] as const;

/** Loopback and "this host" (0.0.0.0 reaches the server itself). */
export const LOOPBACK_NETWORKS = ['127.0.0.0/8', '0.0.0.0/8', '::1/128', '::/128'] as const;

function parse(network: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, extra] = network.trim().split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** A network such as 192.168.0.0/16, or a single address. */
export function isCidr(network: string): boolean {
  return parse(network) !== undefined;
}

/** An address as BlockList checks it: IPv4-mapped IPv6 (::ffff:10.0.0.1) as plain IPv4. */
export function plainAddress(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return { address: mapped[1], family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

export class NetworkList {
  private readonly list = new BlockList();

  constructor(readonly networks: readonly string[]) {
    for (const network of networks) {
      const parsed = parse(network);
      if (!parsed) throw new Error(`not a network: ${network}`);
      this.list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
  }

  has(address: string): boolean {
    const plain = plainAddress(address);
    return this.list.check(plain.address, plain.family);
  }
}
