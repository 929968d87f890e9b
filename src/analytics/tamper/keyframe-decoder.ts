/**
 * Decodes a camera's keyframes to 160×120 grey pictures through one long-running ffmpeg (Annex B on
 * stdin, raw grey on stdout, one thread). Pictures come out in the order keyframes went in; a keyframe
 * that gives no picture in time (broken, or ffmpeg stuck) resolves null and ffmpeg is started afresh.
 * Memory is bounded: at most MAX_PENDING keyframes wait, later ones are skipped until it catches up.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { VideoCodec } from '../../media/types.ts';
import { FRAME_BYTES, FRAME_HEIGHT, FRAME_WIDTH } from './frame-features.ts';

const MAX_PENDING = 3;
const DECODE_TIMEOUT_MS = 4000;
/** An ffmpeg that ended within this long of its start (missing, broken) is not started again for RETRY_MS. */
const SHORT_LIFE_MS = 5000;
const RETRY_MS = 30_000;

interface Pending {
  resolve: (frame: Uint8Array | null) => void;
  timer: NodeJS.Timeout;
}

export interface KeyframeDecoderOptions {
  ffmpegPath: string;
  codec: VideoCodec;
  timeoutMs?: number;
}

export class KeyframeDecoder {
  private child: ChildProcessByStdio<Writable, Readable, null> | undefined;
  private readonly pending: Pending[] = [];
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private closed = false;
  private startedMs = 0;
  private retryAfterMs = 0;
  /** Times ffmpeg was started: a restart after a failure counts. */
  starts = 0;

  constructor(private readonly o: KeyframeDecoderOptions) {}

  get codec(): VideoCodec {
    return this.o.codec;
  }

  /** The ffmpeg process id, for CPU accounting (bench). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The picture of one keyframe (Annex B, ending in an access unit delimiter); undefined when skipped. */
  decode(annexB: Buffer): Promise<Uint8Array | null> | undefined {
    if (this.closed || this.pending.length >= MAX_PENDING || (!this.child && Date.now() < this.retryAfterMs)) return undefined;
    const child = this.child ?? this.startChild();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.restart(), this.o.timeoutMs ?? DECODE_TIMEOUT_MS);
      timer.unref();
      this.pending.push({ resolve, timer });
      child.stdin.write(annexB);
    });
  }

  close(): void {
    this.closed = true;
    this.restart();
  }

  private startChild(): ChildProcessByStdio<Writable, Readable, null> {
    const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-threads', '1', '-probesize', '32', '-analyzeduration', '0', '-f', this.o.codec === 'h265' ? 'hevc' : 'h264', '-i', 'pipe:0', '-an', '-vf', `scale=${FRAME_WIDTH}:${FRAME_HEIGHT}:flags=area,format=gray`, '-threads', '1', '-fps_mode', 'passthrough', '-flush_packets', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'];
    const child = spawn(this.o.ffmpegPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    this.starts++;
    this.startedMs = Date.now();
    this.child = child;
    child.stdin.on('error', () => undefined);
    child.on('error', () => this.onExit(child));
    child.on('exit', () => this.onExit(child));
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    return child;
  }

  private onData(chunk: Buffer): void {
    this.buffered.push(chunk);
    this.bufferedBytes += chunk.length;
    while (this.bufferedBytes >= FRAME_BYTES) {
      const all = Buffer.concat(this.buffered);
      const frame = new Uint8Array(all.subarray(0, FRAME_BYTES));
      const rest = all.subarray(FRAME_BYTES);
      this.buffered = rest.length ? [rest] : [];
      this.bufferedBytes = rest.length;
      const next = this.pending.shift();
      if (!next) continue; // a picture nobody waits for (after a timeout): dropped
      clearTimeout(next.timer);
      next.resolve(frame);
    }
  }

  private onExit(child: ChildProcessByStdio<Writable, Readable, null>): void {
    if (this.child !== child) return;
    this.child = undefined;
    if (Date.now() - this.startedMs < SHORT_LIFE_MS) this.retryAfterMs = Date.now() + RETRY_MS;
    this.failPending();
  }

  /** ffmpeg is stopped and what waited gets null; the next keyframe starts a fresh one. */
  private restart(): void {
    const child = this.child;
    this.child = undefined;
    if (child) {
      child.stdout.removeAllListeners('data');
      child.kill('SIGKILL');
    }
    this.failPending();
  }

  private failPending(): void {
    this.buffered = [];
    this.bufferedBytes = 0;
    for (const p of this.pending.splice(0)) {
      clearTimeout(p.timer);
      p.resolve(null);
    }
  }
}
