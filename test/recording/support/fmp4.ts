/** fMP4 test material: a tiny synthetic writer (no ffmpeg needed) and a real H.264 clip from ffmpeg. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scanBoxes } from '../../../src/recording/box-scan.ts';

export function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length + 8);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

function fullBox(type: string, flags: number, ...payload: Buffer[]): Buffer {
  const vf = Buffer.alloc(4);
  vf.writeUInt32BE(flags & 0xffffff);
  return box(type, vf, ...payload);
}

const u32 = (...values: number[]): Buffer => {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v, i * 4));
  return b;
};

/** ftyp + moov with one video track of the given sample entry type and timescale. */
export function syntheticInit(entry = 'avc1', timescale = 90_000): Buffer {
  const mdhd = fullBox('mdhd', 0, u32(0, 0, timescale, 0), Buffer.alloc(4));
  const stsd = fullBox('stsd', 0, u32(1), box(entry, Buffer.alloc(78)));
  const trak = box('trak', box('mdia', mdhd, box('minf', box('stbl', stsd))));
  const mvex = box('mvex', fullBox('trex', 0, u32(1, 1, 0, 0, 0)));
  return Buffer.concat([box('ftyp', Buffer.from('isom'), u32(0)), box('moov', trak, mvex)]);
}

/** moof + mdat: `frames` samples of `duration` units each, per-sample durations and sizes in trun. */
export function syntheticFragment(seq: number, frames: number, duration = 3600, sampleSize = 200): Buffer {
  const samples = Buffer.concat(Array.from({ length: frames }, () => u32(duration, sampleSize)));
  const trun = fullBox('trun', 0x301, u32(frames, 0), samples);
  const moof = box('moof', fullBox('mfhd', 0, u32(seq)), box('traf', fullBox('tfhd', 0x20000, u32(1)), fullBox('tfdt', 0, u32(seq * frames * duration)), trun));
  const data = Buffer.alloc(frames * sampleSize, seq & 0xff);
  return Buffer.concat([moof, box('mdat', data)]);
}

export interface Clip {
  init: Buffer;
  fragments: Buffer[];
  framesPerFragment: number;
  msPerFragment: number;
}

/** A real H.264 clip (testsrc, 25 fps, one fragment per second) cut into its init segment and fragments. */
export function realClip(seconds = 4): Clip {
  const dir = mkdtempSync(path.join(tmpdir(), 'custos-clip-'));
  try {
    const file = path.join(dir, 'clip.mp4');
    execFileSync('ffmpeg', [
      '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-t', String(seconds),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-bf', '0', '-pix_fmt', 'yuv420p',
      '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', file,
    ]);
    const buf = readFileSync(file);
    const boxes = scanBoxes(buf);
    const moov = boxes.findIndex((b) => b.type === 'moov');
    const init = buf.subarray(0, boxes[moov]!.end);
    const fragments: Buffer[] = [];
    for (let i = moov + 1; i + 1 < boxes.length; i += 2) {
      if (boxes[i]!.type === 'moof' && boxes[i + 1]!.type === 'mdat') fragments.push(buf.subarray(boxes[i]!.start, boxes[i + 1]!.end));
    }
    return { init, fragments, framesPerFragment: 25, msPerFragment: 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** ffprobe's count of decoded frames, or throws with ffprobe's complaint. */
export function ffprobeFrames(file: string): number {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return Number(out.trim());
}
