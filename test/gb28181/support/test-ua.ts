/**
 * A small SIP user agent for tests, built on the groundwork codec: it plays a GB/T 28181 device towards
 * the platform (REGISTER with Digest, MESSAGE, answering queries and INVITE). Not the device simulator.
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createConnection, type Socket } from 'node:net';
import { digestResponse } from '../../../src/gb28181/sip/digest.ts';
import { parseCSeq } from '../../../src/gb28181/sip/header-values.ts';
import { parseSipDatagram, responseTo, serializeSip, SipHeaders, SipStreamReader, type SipMessage, type SipRequest, type SipResponse } from '../../../src/gb28181/sip/message.ts';

const rand = () => randomBytes(6).toString('hex');

export interface TestUaOptions {
  deviceId: string;
  transport: 'UDP' | 'TCP';
  platformPort: number;
  domain?: string;
  /** What the device answers to an incoming request (default: 200 OK, no body). */
  onRequest?: (request: SipRequest, ua: TestUa) => SipResponse | undefined;
}

export class TestUa {
  private udp: UdpSocket | undefined;
  private tcp: Socket | undefined;
  private readonly waiters: Array<{ match: (m: SipMessage) => boolean; resolve: (m: SipMessage) => void }> = [];
  readonly received: SipMessage[] = [];
  /** Messages a next() already handed out. */
  private readonly taken = new Set<SipMessage>();
  localPort = 0;
  private cseq = 1;
  readonly callId = rand();
  private readonly fromTag = rand();

  private constructor(readonly options: TestUaOptions) {}

  static async open(options: TestUaOptions): Promise<TestUa> {
    const ua = new TestUa(options);
    if (options.transport === 'UDP') {
      ua.udp = createSocket('udp4');
      await new Promise<void>((resolve) => ua.udp!.bind(0, '127.0.0.1', resolve));
      ua.localPort = ua.udp.address().port;
      ua.udp.on('message', (data) => ua.receive(parseSipDatagram(data)));
    } else {
      const socket = createConnection({ host: '127.0.0.1', port: options.platformPort });
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      ua.tcp = socket;
      ua.localPort = socket.localPort!;
      const reader = new SipStreamReader();
      socket.on('data', (chunk: Buffer) => {
        for (const message of reader.feed(chunk)) ua.receive(message);
      });
    }
    return ua;
  }

  async close(): Promise<void> {
    this.udp?.close();
    this.tcp?.destroy();
  }

  sendRaw(bytes: Buffer): void {
    if (this.udp) this.udp.send(bytes, this.options.platformPort, '127.0.0.1');
    else this.tcp!.write(bytes);
  }

  send(message: SipMessage): void {
    this.sendRaw(serializeSip(message));
  }

  /** The next message matching, already received or to come. */
  next(match: (m: SipMessage) => boolean, timeoutMs = 5000): Promise<SipMessage> {
    const waiting = this.received.find((m) => !this.taken.has(m) && match(m));
    if (waiting) {
      this.taken.add(waiting);
      return Promise.resolve(waiting);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('test UA: nothing matching arrived')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  request(method: string, options: { body?: string | Buffer; headers?: Array<[string, string]>; callId?: string } = {}): SipRequest {
    const domain = this.options.domain ?? '3402000000';
    const headers = new SipHeaders();
    headers.append('Via', `SIP/2.0/${this.options.transport} 127.0.0.1:${this.localPort};rport;branch=z9hG4bK${rand()}`);
    headers.append('From', `<sip:${this.options.deviceId}@${domain}>;tag=${this.fromTag}`);
    headers.append('To', `<sip:${method === 'REGISTER' ? this.options.deviceId : '34020000002000000001'}@${domain}>`);
    headers.append('Call-ID', options.callId ?? (method === 'REGISTER' ? this.callId : rand()));
    headers.append('CSeq', `${this.cseq++} ${method}`);
    headers.append('Max-Forwards', '70');
    for (const [name, value] of options.headers ?? []) headers.append(name, value);
    if (options.body !== undefined) headers.append('Content-Type', 'Application/MANSCDP+xml');
    return { kind: 'request', method, uri: `sip:34020000002000000001@${domain}`, headers, body: Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body ?? '', 'utf8') };
  }

  /** Sends a request and resolves with its final response. */
  async transact(request: SipRequest, timeoutMs = 5000): Promise<SipResponse> {
    const branch = /branch=([^;]+)/.exec(request.headers.get('via')!)![1]!;
    const reply = this.next((m) => m.kind === 'response' && m.status >= 200 && (m.headers.get('via') ?? '').includes(branch), timeoutMs);
    this.send(request);
    return (await reply) as SipResponse;
  }

  /** REGISTER, 401, REGISTER with Digest: the final response. */
  async register(password: string, expires = 3600, username = this.options.deviceId): Promise<SipResponse> {
    const contact: Array<[string, string]> = [
      ['Contact', `<sip:${this.options.deviceId}@127.0.0.1:${this.localPort}>`],
      ['Expires', String(expires)],
    ];
    const first = await this.transact(this.request('REGISTER', { headers: contact }));
    if (first.status !== 401) return first;
    const challenge = first.headers.get('www-authenticate')!;
    const realm = /realm="([^"]+)"/.exec(challenge)![1]!;
    const nonce = /nonce="([^"]+)"/.exec(challenge)![1]!;
    const uri = `sip:34020000002000000001@${this.options.domain ?? '3402000000'}`;
    const response = digestResponse({ username, realm, password, method: 'REGISTER', uri, nonce });
    const auth = `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5`;
    return this.transact(this.request('REGISTER', { headers: [...contact, ['Authorization', auth]] }));
  }

  keepalive(sn = 1): Promise<SipResponse> {
    return this.transact(this.request('MESSAGE', { body: manscdp('Notify', 'Keepalive', sn, this.options.deviceId, '<Status>OK</Status>') }));
  }

  private receive(message: SipMessage): void {
    this.received.push(message);
    if (message.kind === 'request' && message.method !== 'ACK') {
      const response = this.options.onRequest ? this.options.onRequest(message, this) : responseTo(message, 200, { toTag: rand() });
      if (response) this.send(response);
    }
    const index = this.waiters.findIndex((w) => w.match(message));
    if (index >= 0) {
      this.taken.add(message);
      this.waiters.splice(index, 1)[0]!.resolve(message);
    }
  }
}

/** A MANSCDP body. */
export function manscdp(root: string, cmdType: string, sn: number, deviceId: string, inner = '', encoding = 'GB2312'): string {
  return `<?xml version="1.0" encoding="${encoding}"?>\r\n<${root}>\r\n<CmdType>${cmdType}</CmdType>\r\n<SN>${sn}</SN>\r\n<DeviceID>${deviceId}</DeviceID>\r\n${inner}\r\n</${root}>\r\n`;
}

export const snOf = (request: SipRequest): number => Number(/<SN>(\d+)<\/SN>/.exec(request.body.toString('utf8'))![1]);
export const cmdTypeOf = (request: SipRequest): string => /<CmdType>(\w+)<\/CmdType>/.exec(request.body.toString('utf8'))?.[1] ?? '';
export const cseqMethod = (message: SipMessage): string => parseCSeq(message.headers.get('cseq')!).method;
