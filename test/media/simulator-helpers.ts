/** A bare RTSP/TCP client for the simulator tests: requests in order, interleaved frames collected by channel. */
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

export interface Interleaved {
  channel: number;
  data: Buffer;
  atMs: number;
}

export class RawRtspClient {
  readonly frames: Interleaved[] = [];
  bytes = 0;
  /** RTP packets with the marker bit (one per picture) on channel 0. */
  markers = 0;
  readonly closed: Promise<void>;
  private pending: Buffer = Buffer.alloc(0);
  private cseq = 0;
  private waiting: ((r: RawResponse) => void)[] = [];

  private constructor(
    private readonly socket: Socket,
    private readonly keepFrames: boolean,
  ) {
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  static async open(url: string, keepFrames = true): Promise<RawRtspClient> {
    const { hostname, port } = new URL(url.replace(/^rtsp:/, 'http:'));
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawRtspClient(socket, keepFrames);
  }

  request(method: string, uri: string, headers: Record<string, string> = {}): Promise<RawResponse> {
    let head = `${method} ${uri} RTSP/1.0\r\nCSeq: ${++this.cseq}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    this.socket.write(`${head}\r\n`);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** DESCRIBE, SETUP over TCP, PLAY. */
  async play(url: string): Promise<{ session: string; describe: RawResponse; setup: RawResponse; play: RawResponse }> {
    const describe = await this.request('DESCRIBE', url, { Accept: 'application/sdp' });
    const setup = await this.request('SETUP', `${url}/trackID=0`, { Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1' });
    const session = (setup.headers.get('session') ?? '').split(';')[0]!;
    const play = await this.request('PLAY', url, { Session: session, Range: 'npt=0.000-' });
    return { session, describe, setup, play };
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (this.pending[0] === 0x24) {
        if (this.pending.length < 4) return;
        const end = 4 + this.pending.readUInt16BE(2);
        if (this.pending.length < end) return;
        if (this.pending[1] === 0 && (this.pending[5]! & 0x80) !== 0) this.markers++;
        if (this.keepFrames) this.frames.push({ channel: this.pending[1]!, data: Buffer.from(this.pending.subarray(4, end)), atMs: performance.now() });
        this.pending = this.pending.subarray(end);
        continue;
      }
      const headEnd = this.pending.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const lines = this.pending.toString('latin1', 0, headEnd).split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const end = headEnd + 4 + Number(headers.get('content-length') ?? 0);
      if (this.pending.length < end) return;
      const body = this.pending.toString('utf8', headEnd + 4, end);
      this.pending = this.pending.subarray(end);
      this.waiting.shift()?.({ status: Number(lines[0]?.split(' ')[1]), headers, body });
    }
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: error.message }));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export async function hasFfmpeg(): Promise<boolean> {
  return (await run('ffprobe', ['-version'], 5000)).code === 0;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
