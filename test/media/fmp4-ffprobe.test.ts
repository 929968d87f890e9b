/**
 * Our init segment and fragments, read by real clients: ffprobe sees the codec, the size, every
 * frame and the duration without a complaint, and ffmpeg decodes every frame cleanly.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoCodec } from '../../src/media/types.ts';
import { decodeErrors, makeClip, packets, probe } from './support/ffmpeg.ts';
import { muxClip } from './support/mux-clip.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'custos-fmp4-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each<[VideoCodec, string]>([
  ['h264', 'h264'],
  ['h265', 'hevc'],
])('%s clip muxed to fMP4', (codec, codecName) => {
  let file: string;
  let fragments: number;

  beforeAll(async () => {
    const clip = await makeClip(dir, codec);
    const raw = await probe(clip);
    const { width, height } = raw.json.streams[0] as { width: number; height: number };
    const muxed = muxClip(codec, await readFile(clip), width, height);
    expect(muxed.frames).toBe(100);
    fragments = muxed.fragments.length;
    file = join(dir, `${codec}.mp4`);
    await writeFile(file, Buffer.concat([muxed.init, ...muxed.fragments]));
  });

  it('is one fragment per second', () => {
    expect(fragments).toBe(4);
  });

  it('probes cleanly: codec, size, 100 frames, 4 s', async () => {
    const { stderr, json } = await probe(file);
    expect(stderr).toBe('');
    expect(json.streams).toHaveLength(1);
    const stream = json.streams[0]!;
    expect(stream.codec_name).toBe(codecName);
    expect(stream.width).toBe(640);
    expect(stream.height).toBe(360);
    expect(stream.codec_tag_string).toBe(codec === 'h264' ? 'avc1' : 'hvc1');
    expect(stream.time_base).toBe('1/90000');
    expect(stream.r_frame_rate).toBe('25/1');
    expect(Number(stream.nb_read_frames)).toBe(100);
    expect(Number(json.format.duration)).toBeCloseTo(4, 2);
  });

  it('marks exactly the keyframes, one a second, each frame 40 ms', async () => {
    const list = await packets(file);
    expect(list).toHaveLength(100);
    expect(list.filter((p) => p.flags.startsWith('K')).map((p) => Number(p.pts_time))).toEqual([0, 1, 2, 3]);
    expect(new Set(list.map((p) => p.duration_time))).toEqual(new Set(['0.040000']));
  });

  it('decodes every frame without an error', async () => {
    expect(await decodeErrors(file)).toBe('');
  });
});
