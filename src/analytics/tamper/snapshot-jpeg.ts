/** A JPEG of one keyframe (Annex B) through a one-shot ffmpeg: 640 px wide, for the alarm's before/after pictures. */
import { spawn } from 'node:child_process';
import type { VideoCodec } from '../../media/types.ts';

const TIMEOUT_MS = 5000;
const MAX_BYTES = 2 * 1024 * 1024;

export function keyframeJpeg(ffmpegPath: string, codec: VideoCodec, annexB: Buffer): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-threads', '1', '-f', codec === 'h265' ? 'hevc' : 'h264', '-i', 'pipe:0', '-frames:v', '1', '-vf', 'scale=640:-2', '-q:v', '5', '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1'];
    const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    let bytes = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    timer.unref();
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_BYTES) child.kill('SIGKILL');
      else chunks.push(chunk);
    });
    child.on('error', () => resolve(null));
    child.on('close', (code) => {
      clearTimeout(timer);
      const jpeg = Buffer.concat(chunks);
      resolve(code === 0 && jpeg.length > 2 && jpeg[0] === 0xff && jpeg[1] === 0xd8 ? new Uint8Array(jpeg) : null);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(annexB);
  });
}
