/**
 * SPS fields against ffprobe, on clips that exercise cropping, high profiles, 4:4:4, interlace and scaling lists;
 * the reorder depth against ffmpeg's trace_headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitAnnexB } from '../../src/media/annexb.ts';
import { parseH264Sps } from '../../src/media/h264/sps.ts';
import { removeEmulationPrevention } from '../../src/media/rbsp.ts';
import { InvalidError } from '../../src/shared/errors.ts';
import { makeClip, tempDir, type Clip } from './support/clips.ts';
import { cutAt, traceHeaders } from './support/sps-trace.ts';

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

describe('parseH264Sps reorder depth (how many frames the recorder must hold back)', () => {
  // x264 writes max_num_reorder_frames in the VUI's bitstream_restriction; ffmpeg's trace_headers reads the same SPS.
  const REORDER_CASES = [
    { name: 'high-bframes0', args: ['-profile:v', 'high', '-bf', '0'], depth: 0 },
    { name: 'high-bframes2', args: ['-profile:v', 'high', '-bf', '2'], depth: 2 },
    // An HRD in the VUI comes before bitstream_restriction and has to be read past.
    { name: 'high-bframes3-hrd', args: ['-profile:v', 'high', '-bf', '3', '-b:v', '300k', '-maxrate', '300k', '-bufsize', '300k', '-x264-params', 'nal-hrd=vbr:b-pyramid=normal'], depth: 2 },
    { name: 'main-bframes1-hrd-cbr', args: ['-profile:v', 'main', '-bf', '1', '-b:v', '300k', '-maxrate', '300k', '-bufsize', '300k', '-x264-params', 'nal-hrd=cbr'], depth: 1 },
  ];
  const reorderClips = new Map<string, Clip>();
  let removeReorder: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempDir();
    removeReorder = temp.remove;
    await Promise.all(REORDER_CASES.map(async (c) => reorderClips.set(c.name, await makeClip(temp.dir, c.name, 'h264', { seconds: 0.4, args: c.args }))));
  });
  afterAll(() => removeReorder?.());

  it.each(REORDER_CASES)('$name: max_num_reorder_frames as x264 wrote it and trace_headers reads it', async (c) => {
    const clip = reorderClips.get(c.name)!;
    const traced = await traceHeaders(clip.file);
    expect(traced.get('bitstream_restriction_flag')?.value).toBe(1);
    expect(traced.get('max_num_reorder_frames')?.value).toBe(c.depth);
    expect(parseH264Sps(spsOf(clip)).reorderDepth).toBe(c.depth);
  });

  it('Baseline cannot reorder: depth 0 even with no VUI; High with no VUI does not say (undefined)', async () => {
    for (const [clip, withVui, withoutVui] of [
      [clips.get('baseline')!, 0, 0],
      [reorderClips.get('high-bframes2')!, 2, undefined],
    ] as const) {
      const sps = spsOf(clip);
      const vuiFlag = (await traceHeaders(clip.file)).get('vui_parameters_present_flag')!;
      expect(vuiFlag.value).toBe(1);
      const noVui = cutAt(sps, vuiFlag.position, '0');
      const info = parseH264Sps(noVui);
      expect({ width: info.width, height: info.height }).toEqual({ width: clip.stream.width, height: clip.stream.height });
      expect([parseH264Sps(sps).reorderDepth, info.reorderDepth]).toEqual([withVui, withoutVui]);
    }
  });

  it('a VUI cut short or without bitstream_restriction leaves the depth unknown, the rest of the SPS read', async () => {
    const clip = reorderClips.get('high-bframes0')!;
    const sps = spsOf(clip);
    const vuiFlag = (await traceHeaders(clip.file)).get('vui_parameters_present_flag')!;
    const cut = sps.subarray(0, Math.ceil(vuiFlag.position / 8) + 2);
    expect(parseH264Sps(cut).width).toBe(640);
    expect([parseH264Sps(sps).reorderDepth, parseH264Sps(cut).reorderDepth]).toEqual([0, undefined]);
    // A camera's Main-profile SPS (1080p, VUI with timing information, no bitstream_restriction).
    const camera = parseH264Sps(Buffer.from('Z00AKpWoHgCJ+WEAAAMD6AAAw1CE', 'base64'));
    expect({ profile: camera.profileIdc, width: camera.width, depth: camera.reorderDepth }).toEqual({ profile: 77, width: 1920, depth: undefined });
  });
});
