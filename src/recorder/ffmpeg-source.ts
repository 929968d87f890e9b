/**
 * One run of ffmpeg copying a source's first video stream, unchanged, to fragmented MP4 on its
 * stdout, split into the init segment and fragments. Shaped as a client for RtspSupervisor, which
 * restarts it with backoff: start() resolves on the init segment, `closed` says why it ended.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { Fmp4StreamSplitter } from '../media/fmp4/stream-splitter.ts';

export interface FfmpegSourceOptions {
  ffmpegPath: string;
  url: string;
  transport?: 'tcp' | 'udp';
  /** Replaces the input options chosen from the URL. */
  inputArgs?: string[];
  /** No output for this long ends the run. Default 15 s. */
  stallMs?: number;
}

export interface FfmpegSourceEvents {
  init: [data: Buffer];
  fragment: [data: Buffer, moofOffset: number];
  closed: [info: { reason: string }];
}

/** A file has no clock of its own: read it at its frame rate, over and over, like a camera. */
function defaultInputArgs(url: string, transport: 'tcp' | 'udp'): string[] {
  if (/^rtsps?:/i.test(url)) return ['-rtsp_transport', transport];
  if (url.startsWith('/') || /^file:/i.test(url)) return ['-re', '-stream_loop', '-1'];
  return [];
}

export function ffmpegArgs(o: FfmpegSourceOptions): string[] {
  const input = o.inputArgs ?? defaultInputArgs(o.url, o.transport ?? 'tcp');
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', ...input, '-i', o.url],
    ...['-map', '0:v:0', '-c', 'copy', '-an', '-f', 'mp4'],
    // Every fragment of at most a second, and a new one at each keyframe, so segments can be cut there.
    ...['-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '1000000', 'pipe:1'],
  ];
}

export class FfmpegSource extends EventEmitter<FfmpegSourceEvents> {
  private child: ChildProcessByStdio<null, Readable, Readable> | undefined;
  private readonly splitter = new Fmp4StreamSplitter();
  private stderr = '';
  private stallTimer: NodeJS.Timeout | undefined;
  private ended: Promise<void> = Promise.resolve();
  private stopping = false;
  private done = false;
  private ready: { resolve: () => void; reject: (error: Error) => void } | undefined;

  constructor(private readonly o: FfmpegSourceOptions) {
    super();
  }

  start(): Promise<void> {
    const child = spawn(this.o.ffmpegPath, ffmpegArgs(this.o), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.ended = new Promise<void>((resolve) => {
      // 'close' comes after stdout has delivered everything ffmpeg wrote.
      child.once('close', (code, signal) => {
        this.finish(signal ? `ffmpeg killed by ${signal}` : `ffmpeg exited with code ${code}`);
        resolve();
      });
      child.once('error', (error) => {
        this.finish(`cannot run ffmpeg (${this.o.ffmpegPath}): ${error.message}`);
        resolve();
      });
    });
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-2000);
    });
    this.armStall();
    return new Promise<void>((resolve, reject) => {
      this.ready = { resolve, reject };
    });
  }

  /** Ends the run; fragments ffmpeg still writes out are delivered before this resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      await this.ended;
      clearTimeout(kill);
    }
    clearTimeout(this.stallTimer);
  }

  private onData(chunk: Buffer): void {
    if (this.done) return;
    this.armStall();
    try {
      for (const piece of this.splitter.push(chunk)) {
        if (piece.kind === 'init') {
          this.emit('init', piece.data);
          this.ready?.resolve();
          this.ready = undefined;
        } else {
          this.emit('fragment', piece.data, piece.moofOffset);
        }
      }
    } catch (error) {
      this.abort(`ffmpeg output unreadable: ${(error as Error).message}`);
    }
  }

  private armStall(): void {
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => this.abort('ffmpeg sent nothing for too long'), this.o.stallMs ?? 15_000);
  }

  private abort(reason: string): void {
    this.finish(reason);
    this.child?.kill('SIGKILL');
  }

  /** Reports the end once, with ffmpeg's own last words where it said any. */
  private finish(reason: string): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.stallTimer);
    const said = this.stderr.trim().split('\n').pop();
    const full = said ? `${reason}: ${said}` : reason;
    this.ready?.reject(new Error(full));
    this.ready = undefined;
    if (!this.stopping) this.emit('closed', { reason: full });
  }
}
