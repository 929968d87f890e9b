/** One client's RTSP connection: the request/response dialogue and, once playing, its media stream. */
import { randomBytes, randomInt } from 'node:crypto';
import type { Socket as UdpSocket } from 'node:dgram';
import type { Socket } from 'node:net';
import type { Authenticator } from './auth.ts';
import type { SimCamera } from './camera.ts';
import { faultActive, garbageResponse } from './faults.ts';
import type { Pacer } from './pacer.ts';
import { formatResponse, readIncoming, type RtspRequest } from './rtsp-message.ts';
import { TRACK_CONTROL, describeCamera } from './sdp.ts';
import { MediaStream } from './stream.ts';
import { chooseTransport, formatTransport, type Transport } from './transport.ts';

export interface ServerContext {
  camera(number: number): SimCamera | undefined;
  auth: Authenticator | undefined;
  pacer: Pacer;
  udp: { rtp: UdpSocket; rtcp: UdpSocket; ports: [number, number] } | undefined;
  sessionTimeoutS: number;
  maxBufferedBytes: number;
}

const PUBLIC = 'OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER';
const MAX_PENDING_BYTES = 256 * 1024;

interface Setup {
  camera: SimCamera;
  transport: Transport;
  ssrc: number;
  sequence: number;
  timestampBase: number;
}

type Headers = Record<string, string | number>;

export class RtspConnection {
  private pending: Buffer = Buffer.alloc(0);
  private sessionId: string | undefined;
  private setup: Setup | undefined;
  private stream: MediaStream | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly ctx: ServerContext,
  ) {
    socket.setNoDelay(true);
    // An idle connection that never plays; a playing session is timed by its stream (client requests and RTCP).
    if (ctx.sessionTimeoutS > 0) socket.setTimeout(ctx.sessionTimeoutS * 1000, () => this.onIdle());
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.stopStream());
  }

  close(): void {
    this.stopStream();
    this.socket.destroy();
  }

  /**
   * Timers run before the poll phase: after the simulator was blocked or stopped, what the client sent
   * meanwhile is still unread. Judge after the next poll (setImmediate runs after it).
   */
  private onIdle(): void {
    const read = this.socket.bytesRead;
    setImmediate(() => {
      if (!this.stream && this.socket.bytesRead === read) this.socket.destroy();
    });
  }

  private onData(chunk: Buffer): void {
    if (this.stream) this.stream.lastActivityMs = performance.now();
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (!this.socket.destroyed) {
      const incoming = readIncoming(this.pending);
      if (incoming.kind === 'incomplete') break;
      if (incoming.kind === 'invalid') {
        this.socket.end(formatResponse(400, { Server: 'Custos simulator' }));
        return;
      }
      this.pending = this.pending.subarray(incoming.bytes);
      if (incoming.kind === 'request') this.respond(incoming.request);
    }
    if (this.pending.length > MAX_PENDING_BYTES) this.socket.destroy();
  }

  private respond(request: RtspRequest): void {
    const cseq = request.headers.get('cseq');
    const camera = this.cameraOf(request.uri) ?? this.setup?.camera;
    if (camera?.fault?.kind === 'deaf' && faultActive(camera.fault, this.stream?.playingSeconds())) return;
    if (camera?.fault?.kind === 'garbage' && faultActive(camera.fault, this.stream?.playingSeconds())) {
      this.socket.write(garbageResponse(cseq));
      return;
    }
    const base: Headers = { CSeq: cseq ?? '0', Server: 'Custos simulator', Date: new Date().toUTCString() };
    const [status, headers, body] = this.handle(request);
    this.socket.write(formatResponse(status, { ...base, ...headers }, body));
  }

  private handle(request: RtspRequest): [number, Headers, string?] {
    const { method } = request;
    if (method === 'OPTIONS') return [200, { Public: PUBLIC }];
    if (this.ctx.auth && !this.ctx.auth.verify(method, request.headers.get('authorization'))) {
      return [401, { 'WWW-Authenticate': this.ctx.auth.challenge() }];
    }
    const session = request.headers.get('session')?.split(';')[0]?.trim();
    if (session !== undefined && session !== this.sessionId) return [454, {}];
    switch (method) {
      case 'DESCRIBE':
        return this.describe(request);
      case 'SETUP':
        return this.setUp(request);
      case 'PLAY':
        return this.play(request);
      case 'TEARDOWN':
        this.stopStream();
        this.setup = undefined;
        this.sessionId = undefined;
        return [200, {}];
      case 'GET_PARAMETER':
        return [200, this.sessionHeader()];
      default:
        return [501, { Public: PUBLIC }];
    }
  }

  private describe(request: RtspRequest): [number, Headers, string?] {
    const camera = this.cameraOf(request.uri);
    if (!camera) return [404, {}];
    const sdp = describeCamera({
      name: `Custos simulator camera ${camera.number}`,
      codec: camera.codec,
      fps: camera.clip.fps,
      parameterSets: camera.clip.parameterSets,
      address: this.socket.localAddress?.replace(/^::ffff:/, '') ?? '0.0.0.0',
      sessionId: Date.now(),
    });
    return [200, { 'Content-Base': `${request.uri.replace(/\/$/, '')}/`, 'Content-Type': 'application/sdp' }, sdp];
  }

  private setUp(request: RtspRequest): [number, Headers, string?] {
    const camera = this.cameraOf(request.uri);
    const track = trackOf(request.uri);
    if (!camera || (track !== '' && track !== TRACK_CONTROL)) return [404, {}];
    if (this.stream || (this.setup && this.setup.camera !== camera)) return [459, {}];
    const transport = chooseTransport(request.headers.get('transport'), 0);
    if (!transport || (transport.kind === 'udp' && !this.ctx.udp)) return [461, {}];
    this.sessionId ??= randomBytes(8).toString('hex').toUpperCase();
    this.setup = { camera, transport, ssrc: randomInt(1, 2 ** 32 - 1), sequence: randomInt(0, 65536), timestampBase: randomInt(0, 2 ** 32 - 1) };
    return [200, { Transport: formatTransport(transport, this.setup.ssrc, this.ctx.udp?.ports), ...this.sessionHeader() }];
  }

  private play(request: RtspRequest): [number, Headers, string?] {
    const setup = this.setup;
    if (!setup) return [455, {}];
    const trackUrl = `${request.uri.replace(/\/(trackID=\d+)?\/?$/, '')}/${TRACK_CONTROL}`;
    if (!this.stream) this.startStream(setup);
    const first = this.stream!.firstPacket;
    return [200, { Range: 'npt=0.000-', 'RTP-Info': `url=${trackUrl};seq=${first.sequence};rtptime=${first.timestamp}`, ...this.sessionHeader() }];
  }

  private startStream(setup: Setup): void {
    const { transport } = setup;
    const udp = this.ctx.udp;
    const host = this.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
    const sink =
      transport.kind === 'tcp'
        ? { kind: 'tcp' as const, socket: this.socket, channel: transport.channel }
        : { kind: 'udp' as const, rtp: udp!.rtp, rtcp: udp!.rtcp, host, rtpPort: transport.rtpPort, rtcpPort: transport.rtcpPort };
    const stream = new MediaStream(setup.camera, sink, {
      sequence: setup.sequence,
      timestampBase: setup.timestampBase,
      ssrc: setup.ssrc,
      cname: `camera-${setup.camera.number}@custos-simulator`,
      maxBufferedBytes: this.ctx.maxBufferedBytes,
      sessionTimeoutMs: this.ctx.sessionTimeoutS * 1000,
      onEnd: (why) => {
        if (why === 'drop') setup.camera.stats.drops++;
        this.close();
      },
    });
    this.stream = stream;
    setup.camera.stats.playing++;
    this.ctx.pacer.add(stream);
  }

  private stopStream(): void {
    if (!this.stream || !this.setup) return;
    this.stream.stop();
    this.ctx.pacer.remove(this.stream);
    this.setup.camera.stats.playing--;
    this.stream = undefined;
  }

  private sessionHeader(): Headers {
    return this.sessionId ? { Session: `${this.sessionId};timeout=${this.ctx.sessionTimeoutS}` } : {};
  }

  private cameraOf(uri: string): SimCamera | undefined {
    const match = /^\/cam\/(\d+)(?:\/|$)/.exec(pathOf(uri));
    return match ? this.ctx.camera(Number(match[1])) : undefined;
  }
}

function pathOf(uri: string): string {
  const match = /^rtsps?:\/\/[^/]*(\/[^?#]*)?/i.exec(uri);
  return match ? (match[1] ?? '/') : uri;
}

/** What follows /cam/N/ in a URI: '' for the camera itself. */
function trackOf(uri: string): string {
  return pathOf(uri).replace(/^\/cam\/\d+\/?/, '').replace(/\/$/, '');
}
