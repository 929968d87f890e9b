/** SPS fields against ffprobe, on clips that exercise cropping, high profiles, 4:4:4, interlace and scaling lists. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitAnnexB } from '../../src/media/annexb.ts';
import { parseH264Sps } from '../../src/media/h264/sps.ts';
import { removeEmulationPrevention } from '../../src/media/rbsp.ts';
import { InvalidError } from '../../src/shared/errors.ts';
import { makeClip, tempDir, type Clip } from './support/clips.ts';

const PROFILES: Record<string, number> = {
  'Constrained Baseline': 66,
  Baseline: 66,
  Main: 77,
  High: 100,
  'High 10': 110,
  'High 4:2:2': 122,
  'High 4:4:4 Predictive': 244,
};

const CASES: { name: string; size?: string; args?: string[]; chroma?: number }[] = [
  { name: 'default' },
  { name: 'odd-size', size: '322x182' },
  { name: 'baseline', args: ['-profile:v', 'baseline'] },
  { name: 'yuv444', args: ['-pix_fmt', 'yuv444p'], chroma: 3 },
  { name: 'yuv422-10bit', size: '350x198', args: ['-pix_fmt', 'yuv422p10le'], chroma: 2 },
  { name: 'interlaced', size: '720x576', args: ['-flags', '+ildct+ilme'] },
  { name: 'scaling-lists', args: ['-x264-params', 'cqm=jvt'] },
];

let remove: () => Promise<void>;
const clips = new Map<string, Clip>();

beforeAll(async () => {
  const temp = await tempDir();
  remove = temp.remove;
  await Promise.all(CASES.map(async (c) => clips.set(c.name, await makeClip(temp.dir, c.name, 'h264', { size: c.size, seconds: 0.2, args: c.args }))));
});
afterAll(() => remove?.());

function spsOf(clip: Clip): Buffer {
  return splitAnnexB(clip.data).find((n) => (n[0]! & 0x1f) === 7)!;
}

describe('parseH264Sps', () => {
  it.each(CASES)('$name: size, profile and level as ffprobe reads them', (c) => {
    const clip = clips.get(c.name)!;
    const info = parseH264Sps(spsOf(clip));
    expect({ width: info.width, height: info.height }).toEqual({ width: clip.stream.width, height: clip.stream.height });
    expect(info.profileIdc).toBe(PROFILES[clip.stream.profile]);
    expect(info.levelIdc).toBe(clip.stream.level);
    expect(info.chromaFormatIdc).toBe(c.chroma ?? 1);
    const hex = (v: number) => v.toString(16).padStart(2, '0');
    expect(info.codecString).toBe(`avc1.${hex(info.profileIdc)}${hex(spsOf(clip)[2]!)}${hex(clip.stream.level)}`);
  });

  it('the 640x360 High clip is avc1.64001e', () => {
    expect(parseH264Sps(spsOf(clips.get('default')!)).codecString).toBe('avc1.64001e');
  });

  it('refuses truncated and foreign NAL units with E_H264_SPS_MALFORMED', () => {
    const sps = spsOf(clips.get('default')!);
    for (const bad of [sps.subarray(0, 6), Buffer.from([0x68, 1, 2, 3]), Buffer.from([0x67, 0x64, 0, 0x1e, 0, 0, 0, 0, 0, 0])]) {
      expect(() => parseH264Sps(bad)).toThrow(InvalidError);
    }
  });
});

describe('removeEmulationPrevention', () => {
  it('drops the 03 of every 00 00 03 and leaves clean input as is', () => {
    expect([...removeEmulationPrevention(Buffer.from([1, 0, 0, 3, 1, 0, 0, 3, 0, 0, 3]))]).toEqual([1, 0, 0, 1, 0, 0, 0, 0]);
    const clean = Buffer.from([1, 2, 0, 0, 1]);
    expect(removeEmulationPrevention(clean)).toBe(clean);
  });
});
