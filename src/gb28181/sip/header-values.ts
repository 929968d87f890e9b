/** Reading the values of the SIP header fields GB/T 28181 relies on: name-addr, Via, CSeq, parameters. */
import { SipParseError } from './message.ts';

export interface NameAddr {
  displayName: string | null;
  uri: string;
  /** The user part of a sip: URI: in GB/T 28181 the 20-digit code of the device or platform. */
  user: string | null;
  /** host[:port] of the URI. */
  hostport: string;
  params: Map<string, string>;
}

/** Parameters after `;` (name lower-cased; a flag without `=` has the value ''). */
export function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of text.split(';')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq < 0) params.set(trimmed.toLowerCase(), '');
    else params.set(trimmed.slice(0, eq).trim().toLowerCase(), trimmed.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return params;
}

/** `"Name" <sip:user@host:port;transport=udp>;tag=abc` or `sip:user@host;tag=abc` (§20.10). */
export function parseNameAddr(value: string): NameAddr {
  const text = value.trim();
  let displayName: string | null = null;
  let uri: string;
  let rest: string;
  const lt = text.indexOf('<');
  if (lt >= 0) {
    const gt = text.indexOf('>', lt);
    if (gt < 0) throw new SipParseError(`unterminated <uri>: ${JSON.stringify(text.slice(0, 80))}`);
    const name = text.slice(0, lt).trim().replace(/^"(.*)"$/, '$1');
    displayName = name || null;
    uri = text.slice(lt + 1, gt).trim();
    rest = text.slice(gt + 1);
  } else {
    const semi = text.indexOf(';');
    uri = semi >= 0 ? text.slice(0, semi) : text;
    rest = semi >= 0 ? text.slice(semi) : '';
  }
  const { user, hostport } = parseSipUri(uri);
  return { displayName, uri, user, hostport, params: parseParams(rest) };
}

/** `sip:user@host:port;params` → user and host[:port]. */
export function parseSipUri(uri: string): { user: string | null; hostport: string } {
  const match = /^sips?:(?:([^@;>]+)@)?([^;?>]+)/i.exec(uri.trim());
  if (!match) throw new SipParseError(`not a sip URI: ${JSON.stringify(uri.slice(0, 80))}`);
  return { user: match[1] ?? null, hostport: match[2]! };
}

export interface Via {
  transport: string;
  host: string;
  port: number | null;
  params: Map<string, string>;
}

/** `SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bK…` (the first value when a field holds several). */
export function parseVia(value: string): Via {
  const first = value.split(',')[0]!.trim();
  const match = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+([^;\s]+)(.*)$/i.exec(first);
  if (!match) throw new SipParseError(`bad Via: ${JSON.stringify(first.slice(0, 80))}`);
  const hostport = match[2]!;
  const portMatch = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(hostport);
  if (!portMatch) throw new SipParseError(`bad Via host: ${JSON.stringify(hostport.slice(0, 80))}`);
  return { transport: match[1]!.toUpperCase(), host: portMatch[1]!, port: portMatch[2] ? Number(portMatch[2]) : null, params: parseParams(match[3] ?? '') };
}

export function parseCSeq(value: string): { seq: number; method: string } {
  const match = /^(\d{1,10})\s+([A-Za-z]+)$/.exec(value.trim());
  if (!match) throw new SipParseError(`bad CSeq: ${JSON.stringify(value.slice(0, 40))}`);
  return { seq: Number(match[1]), method: match[2]!.toUpperCase() };
}

/** The tag parameter of a From or To value, or null. */
export function tagOf(value: string): string | null {
  return parseNameAddr(value).params.get('tag') ?? null;
}
