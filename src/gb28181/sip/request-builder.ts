/** Requests Custos sends as a UAC (RFC 3261 §8.1.1): Via with rport (RFC 3581), From with our code, Max-Forwards. */
import { newBranch, newCallId, newTag } from './endpoint.ts';
import { SipHeaders, type SipRequest } from './message.ts';
import type { SipPeer } from './transport.ts';

export interface LocalIdentity {
  /** The platform's 20-digit code. */
  sipId: string;
  /** The 10-digit SIP domain. */
  domain: string;
  /** The address devices reach us at (Via, Contact). */
  host: string;
  port: number;
}

export interface RequestSpec {
  method: string;
  uri: string;
  /** The To URI (without tag). */
  toUri: string;
  toTag?: string | null;
  callId?: string;
  fromTag?: string;
  cseq?: number;
  contentType?: string;
  body?: Buffer;
  headers?: Array<[string, string]>;
}

export const USER_AGENT = 'Custos GB/T 28181';

export function buildRequest(local: LocalIdentity, peer: SipPeer, spec: RequestSpec): SipRequest {
  const headers = new SipHeaders();
  headers.append('Via', `SIP/2.0/${peer.transport} ${local.host}:${local.port};rport;branch=${newBranch()}`);
  headers.append('From', `<sip:${local.sipId}@${local.domain}>;tag=${spec.fromTag ?? newTag()}`);
  headers.append('To', `<${spec.toUri}>${spec.toTag ? `;tag=${spec.toTag}` : ''}`);
  headers.append('Call-ID', spec.callId ?? newCallId());
  headers.append('CSeq', `${spec.cseq ?? 1} ${spec.method}`);
  headers.append('Max-Forwards', '70');
  headers.append('User-Agent', USER_AGENT);
  if (spec.method === 'INVITE' || spec.method === 'SUBSCRIBE') headers.append('Contact', `<sip:${local.sipId}@${local.host}:${local.port}>`);
  for (const [name, value] of spec.headers ?? []) headers.append(name, value);
  if (spec.contentType) headers.append('Content-Type', spec.contentType);
  return { kind: 'request', method: spec.method, uri: spec.uri, headers, body: spec.body ?? Buffer.alloc(0) };
}

/** `sip:<code>@host:port`: how a registered device or one of its channels is addressed. */
export const deviceUri = (code: string, peer: SipPeer): string => `sip:${code}@${peer.host.includes(':') ? `[${peer.host}]` : peer.host}:${peer.port}`;
