/**
 * The external media tools an export bundle needs: ffmpeg to remux the original segments into one
 * MP4 without re-encoding, ffprobe to read back each packet's sample data hash.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { onPath, resolveFfmpegPath } from '../recorder/ffmpeg-path.ts';

const run = promisify(execFile);

export function ffprobePath(ffmpeg?: string): string {
  const resolved = resolveFfmpegPath(ffmpeg);
  if (path.isAbsolute(resolved)) {
    const sibling = path.join(path.dirname(resolved), process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
    if (onPath(path.basename(sibling), path.dirname(sibling))) return sibling;
  }
  return onPath('ffprobe') ?? 'ffprobe';
}

/**
 * Concatenates the segment files, in order, into `out` with `-c copy`. `-auto_convert 0` keeps the
 * concat demuxer from rewriting H.264 samples (it would put parameter sets in band): every sample
 * of the MP4 is then byte for byte a sample of one segment.
 */
export async function remuxSegments(files: readonly string[], out: string, ffmpeg?: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'custos-remux-'));
  try {
    const list = path.join(dir, 'segments.txt');
    await writeFile(list, files.map((f) => `file '${f.replace(/'/g, "'\\''")}'\n`).join(''));
    await run(resolveFfmpegPath(ffmpeg), ['-v', 'error', '-nostdin', '-auto_convert', '0', '-f', 'concat', '-safe', '0', '-i', list, '-map', '0:v:0', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', out], {
      maxBuffer: 16 * 1024 * 1024,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** SHA-256 of each video packet's data, in decoding order, as ffprobe reads them. */
export async function packetHashes(file: string, ffprobe = ffprobePath()): Promise<string[]> {
  const { stdout } = await run(ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=data_hash', '-show_data_hash', 'SHA256', '-of', 'csv=p=0', file], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.replace(/^SHA256:/, ''));
}
