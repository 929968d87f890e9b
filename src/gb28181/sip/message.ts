/**
 * SIP messages (RFC 3261 §7): one per UDP datagram, or framed by Content-Length on TCP (§18.3).
 * Header names are case-insensitive and the compact forms (§7.3.3: v, f, t, i, m, l, c, k, s, e) are
 * read as their full names. Every parse failure is a SipParseError; nothing here throws anything else
 * on network input (fuzzed in test/fuzz).
 */

export class SipParseError extends Error {
  readonly code = 'E_SIP_PARSE';
}

const COMPACT: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
  s: 'subject',
  e: 'content-encoding',
};

/** Canonical spelling when a message is written (names read in any case are written this way). */
const CANONICAL: Record<string, string> = {
  via: 'Via',
  from: 'From',
  to: 'To',
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  contact: 'Contact',
  'content-length': 'Content-Length',
  'content-type': 'Content-Type',
  'max-forwards': 'Max-Forwards',
  'www-authenticate': 'WWW-Authenticate',
  authorization: 'Authorization',
  'user-agent': 'User-Agent',
  expires: 'Expires',
  subject: 'Subject',
  date: 'Date',
  event: 'Event',
  'subscription-state': 'Subscription-State',
};

const canonicalName = (lower: string) => CANONICAL[lower] ?? lower.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

/** Header fields: names compared case-insensitively (compact forms expanded), repeated fields kept in order. */
export class SipHeaders {
  private readonly fields = new Map<string, string[]>();

  static from(entries: Iterable<readonly [string, string]>): SipHeaders {
    const headers = new SipHeaders();
    for (const [name, value] of entries) headers.append(name, value);
    return headers;
  }

  private static key(name: string): string {
    const lower = name.toLowerCase();
    return COMPACT[lower] ?? lower;
  }

  append(name: string, value: string): this {
    const key = SipHeaders.key(name);
    const values = this.fields.get(key);
    if (values) values.push(value);
    else this.fields.set(key, [value]);
    return this;
  }

  set(name: string, value: string): this {
    this.fields.set(SipHeaders.key(name), [value]);
    return this;
  }

  delete(name: string): void {
    this.fields.delete(SipHeaders.key(name));
  }

  get(name: string): string | undefined {
    return this.fields.get(SipHeaders.key(name))?.[0];
  }

  getAll(name: string): string[] {
    return [...(this.fields.get(SipHeaders.key(name)) ?? [])];
  }

  has(name: string): boolean {
    return this.fields.has(SipHeaders.key(name));
  }

  /** Lower-cased full names with every value. */
  entries(): Array<[string, string[]]> {
    return [...this.fields].map(([name, values]) => [name, [...values]]);
  }

  clone(): SipHeaders {
    const copy = new SipHeaders();
    for (const [name, values] of this.fields) copy.fields.set(name, [...values]);
    return copy;
  }
}

export interface SipRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: SipHeaders;
  body: Buffer;
}
export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: SipHeaders;
  body: Buffer;
}
export type SipMessage = SipRequest | SipResponse;

export interface SipLimits {
  maxHeaderBytes: number;
  maxBodyBytes: number;
}
/** GB/T 28181 catalog answers are split over several MESSAGEs; one stays well under this. */
export const DEFAULT_SIP_LIMITS: SipLimits = { maxHeaderBytes: 16 * 1024, maxBodyBytes: 256 * 1024 };

const REQUEST_LINE = /^([A-Za-z][A-Za-z0-9._!%*+`'~-]*) (\S+) SIP\/2\.0$/;
const STATUS_LINE = /^SIP\/2\.0 (\d{3})(?: (.*))?$/;
const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
const HEADER_END_LF = Buffer.from('\n\n', 'latin1');

function headerEnd(data: Buffer, from = 0): { end: number; bodyStart: number } | undefined {
  const crlf = data.indexOf(HEADER_END, from);
  const lf = data.indexOf(HEADER_END_LF, from);
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return { end: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { end: lf, bodyStart: lf + 2 };
  return undefined;
}

interface Head {
  start: SipRequest | SipResponse;
  contentLength: number | undefined;
}

function parseHead(text: string, limits: SipLimits): Head {
  // Header folding (§7.3.1): a line starting with whitespace continues the previous one.
  const lines = text.split(/\r?\n/).reduce<string[]>((acc, line) => {
    if (/^[ \t]/.test(line) && acc.length > 1) acc[acc.length - 1] += ' ' + line.trim();
    else acc.push(line);
    return acc;
  }, []);
  const first = lines.shift() ?? '';
  const headers = new SipHeaders();
  for (const line of lines) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SipParseError(`malformed header line: ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, colon).trim();
    if (!/^[A-Za-z0-9._!%*+`'~-]+$/.test(name)) throw new SipParseError(`malformed header name: ${JSON.stringify(name.slice(0, 80))}`);
    headers.append(name, line.slice(colon + 1).trim());
  }
  let start: SipRequest | SipResponse;
  const request = REQUEST_LINE.exec(first);
  const status = request ? null : STATUS_LINE.exec(first);
  if (request) start = { kind: 'request', method: request[1]!.toUpperCase(), uri: request[2]!, headers, body: Buffer.alloc(0) };
  else if (status) start = { kind: 'response', status: Number(status[1]), reason: status[2] ?? '', headers, body: Buffer.alloc(0) };
  else throw new SipParseError(`not a SIP start line: ${JSON.stringify(first.slice(0, 80))}`);
  const lengthField = headers.get('content-length');
  let contentLength: number | undefined;
  if (lengthField !== undefined) {
    if (!/^\d{1,9}$/.test(lengthField)) throw new SipParseError(`bad Content-Length: ${JSON.stringify(lengthField.slice(0, 20))}`);
    contentLength = Number(lengthField);
    if (contentLength > limits.maxBodyBytes) throw new SipParseError(`body of ${contentLength} bytes exceeds the limit of ${limits.maxBodyBytes}`);
  }
  for (const required of ['via', 'from', 'to', 'call-id', 'cseq']) {
    if (!headers.has(required)) throw new SipParseError(`missing ${canonicalName(required)} header`);
  }
  if (!/^\d{1,10} [A-Za-z]+$/.test(headers.get('cseq')!)) throw new SipParseError(`bad CSeq: ${JSON.stringify(headers.get('cseq')!.slice(0, 40))}`);
  return { start, contentLength };
}

/** One message from one UDP datagram (leading CRLF keep-alives are skipped; a lone "\r\n\r\n" is not a message). */
export function parseSipDatagram(data: Buffer, limits: SipLimits = DEFAULT_SIP_LIMITS): SipMessage {
  let offset = 0;
  while (offset < data.length && (data[offset] === 0x0d || data[offset] === 0x0a)) offset++;
  const found = headerEnd(data, offset);
  if (!found) throw new SipParseError('no end of header');
  if (found.end - offset > limits.maxHeaderBytes) throw new SipParseError('header too large');
  const head = parseHead(data.toString('utf8', offset, found.end), limits);
  const available = data.length - found.bodyStart;
  const length = head.contentLength ?? available;
  if (length > available) throw new SipParseError(`body shorter (${available}) than Content-Length (${length})`);
  head.start.body = Buffer.from(data.subarray(found.bodyStart, found.bodyStart + length));
  return head.start;
}

/**
 * Messages from a TCP stream, framed by Content-Length (mandatory on streams, §18.3). A malformed
 * message throws: the stream cannot be resynchronised and the connection is to be closed.
 */
export class SipStreamReader {
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly limits: SipLimits = DEFAULT_SIP_LIMITS) {}

  feed(chunk: Buffer): SipMessage[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: SipMessage[] = [];
    for (;;) {
      let offset = 0;
      while (offset < this.buf.length && (this.buf[offset] === 0x0d || this.buf[offset] === 0x0a)) offset++;
      if (offset > 0) this.buf = this.buf.subarray(offset);
      const found = headerEnd(this.buf);
      if (!found) {
        if (this.buf.length > this.limits.maxHeaderBytes) throw new SipParseError('header too large');
        break;
      }
      if (found.end > this.limits.maxHeaderBytes) throw new SipParseError('header too large');
      const head = parseHead(this.buf.toString('utf8', 0, found.end), this.limits);
      if (head.contentLength === undefined) throw new SipParseError('Content-Length is required on a stream');
      if (this.buf.length < found.bodyStart + head.contentLength) break;
      head.start.body = Buffer.from(this.buf.subarray(found.bodyStart, found.bodyStart + head.contentLength));
      this.buf = this.buf.subarray(found.bodyStart + head.contentLength);
      out.push(head.start);
    }
    if (this.buf.length === 0) this.buf = Buffer.alloc(0);
    return out;
  }
}

/** The message as bytes; Content-Length is always written from the body. */
export function serializeSip(message: SipMessage): Buffer {
  const first = message.kind === 'request' ? `${message.method} ${message.uri} SIP/2.0` : `SIP/2.0 ${message.status} ${message.reason}`;
  const lines = [first];
  for (const [name, values] of message.headers.entries()) {
    if (name === 'content-length') continue;
    for (const value of values) lines.push(`${canonicalName(name)}: ${value}`);
  }
  lines.push(`Content-Length: ${message.body.length}`);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'utf8'), message.body]);
}

/** Standard reason phrases for the statuses GB/T 28181 uses. */
export const REASONS: Record<number, string> = {
  100: 'Trying',
  180: 'Ringing',
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  415: 'Unsupported Media Type',
  420: 'Bad Extension',
  481: 'Call/Transaction Does Not Exist',
  486: 'Busy Here',
  488: 'Not Acceptable Here',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/**
 * A response to `request` (§8.2.6): Via, From, Call-ID and CSeq copied, To copied with `toTag` added
 * when the request's To has none.
 */
export function responseTo(request: SipRequest, status: number, options: { toTag?: string; reason?: string; headers?: Iterable<readonly [string, string]>; body?: Buffer } = {}): SipResponse {
  const headers = new SipHeaders();
  for (const via of request.headers.getAll('via')) headers.append('Via', via);
  headers.append('From', request.headers.get('from')!);
  const to = request.headers.get('to')!;
  headers.append('To', options.toTag && !/;\s*tag=/i.test(to) ? `${to};tag=${options.toTag}` : to);
  headers.append('Call-ID', request.headers.get('call-id')!);
  headers.append('CSeq', request.headers.get('cseq')!);
  for (const [name, value] of options.headers ?? []) headers.append(name, value);
  return { kind: 'response', status, reason: options.reason ?? REASONS[status] ?? '', headers, body: options.body ?? Buffer.alloc(0) };
}
