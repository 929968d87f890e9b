/**
 * Snapshots: a JPEG of a segment's first keyframe (every segment starts on one), made once by ffmpeg
 * and kept in memory, newest segments only. A repository: the ffmpeg process is its I/O.
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { resolveFfmpegPath } from '../recorder/ffmpeg-path.ts';

const KEEP = 256;

export class Snapshots {
  private readonly cache = new Map<string, Promise<Buffer>>();
  private readonly ffmpeg: string;

  constructor(ffmpegPath?: string) {
    this.ffmpeg = resolveFfmpegPath(ffmpegPath);
  }

  /** The JPEG of the segment's first frame, scaled to at most 640 pixels wide: from its file, or its bytes piped in. */
  of(segmentId: string, file: string | (() => Promise<Readable>)): Promise<Buffer> {
    let jpeg = this.cache.get(segmentId);
    if (!jpeg) {
      jpeg = this.render(file);
      jpeg.catch(() => this.cache.delete(segmentId));
      if (this.cache.size >= KEEP) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(segmentId, jpeg);
    }
    return jpeg;
  }

  private async render(file: string | (() => Promise<Readable>)): Promise<Buffer> {
    const source = typeof file === 'string' ? undefined : await file();
    const args = ['-hide_banner', '-loglevel', 'error', '-skip_frame', 'nokey', '-i', source ? 'pipe:0' : (file as string), '-frames:v', '1', '-vf', "scale='min(640,iw)':-2", '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1'];
    return new Promise((resolve, reject) => {
      const child = spawn(this.ffmpeg, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      if (source) {
        // ffmpeg stops reading after the first frame: the rest of the input is not wanted.
        child.stdin.on('error', () => source.destroy());
        source.on('error', () => child.stdin.destroy());
        source.pipe(child.stdin);
        child.on('close', () => source.destroy());
      } else child.stdin.end();
      const out: Buffer[] = [];
      let err = '';
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 && out.length > 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg snapshot failed (${code}): ${err.slice(0, 300)}`))));
    });
  }
}
