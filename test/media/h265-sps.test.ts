/**
 * H.265 SPS fields against ffprobe: conformance-window cropping, Main, Main 10 and RExt 4:4:4; the reorder depth
 * against ffmpeg's trace_headers; and the fmtp sprop-* sets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitAnnexB } from '../../src/media/annexb.ts';
import { h265CodecString, parseH265Sps } from '../../src/media/h265/sps.ts';
import { parameterSetsFromFmtp } from '../../src/media/sdp-fmtp.ts';
import { InvalidError } from '../../src/shared/errors.ts';
import { makeClip, tempDir, type Clip } from './support/clips.ts';
import { cutAt, traceHeaders } from './support/sps-trace.ts';

const CASES = [
  { name: 'main', size: '640x360', pix: 'yuv420p', profile: 1, codec: /^hvc1\.1\.6\.L\d+\.90$/, chroma: 1 },
  { name: 'odd', size: '322x182', pix: 'yuv420p', profile: 1, codec: /^hvc1\.1\.6\.L\d+\.90$/, chroma: 1 },
  { name: 'main10', size: '322x182', pix: 'yuv420p10le', profile: 2, codec: /^hvc1\.2\.4\.L\d+\.90$/, chroma: 1 },
  { name: 'rext444', size: '322x182', pix: 'yuv444p', profile: 4, codec: /^hvc1\.4\.10\.L\d+(\.[0-9A-F]{2})+$/, chroma: 3 },
];

let remove: () => Promise<void>;
const clips = new Map<string, Clip>();

beforeAll(async () => {
  const temp = await tempDir();
  remove = temp.remove;
  for (const c of CASES) clips.set(c.name, await makeClip(temp.dir, c.name, 'h265', { size: c.size, seconds: 0.2, args: ['-pix_fmt', c.pix] }));
});
afterAll(() => remove?.());

function nalOf(clip: Clip, type: number): Buffer {
  return splitAnnexB(clip.data).find((n) => ((n[0]! >>> 1) & 0x3f) === type)!;
}

describe('parseH265Sps', () => {
  it.each(CASES)('$name: size, profile, level and codec string', (c) => {
    const clip = clips.get(c.name)!;
    const info = parseH265Sps(nalOf(clip, 33));
    expect({ width: info.width, height: info.height }).toEqual({ width: clip.stream.width, height: clip.stream.height });
    expect(info.profileIdc).toBe(c.profile);
    expect(info.levelIdc).toBe(clip.stream.level);
    expect(info.chromaFormatIdc).toBe(c.chroma);
    expect(info.codecString).toMatch(c.codec);
    expect(info.codecString).toContain(`.L${clip.stream.level}`);
  });

  it('writes ISO 14496-15 annex E strings: profile space, reversed compatibility flags, tier, trailing zero bytes left out', () => {
    const base = { profileSpace: 0, profileIdc: 1, profileCompatibilityFlags: 0x6000_0000, tierFlag: 0, levelIdc: 93, constraintBytes: [0xb0, 0, 0, 0, 0, 0] };
    expect(h265CodecString(base)).toBe('hvc1.1.6.L93.B0');
    expect(h265CodecString({ ...base, profileSpace: 1, tierFlag: 1, levelIdc: 120, constraintBytes: [0, 0, 0, 0, 0, 0] })).toBe('hvc1.A1.6.H120');
  });

  it('refuses truncated and foreign NAL units with E_H265_SPS_MALFORMED', () => {
    const sps = nalOf(clips.get('main')!, 33);
    for (const bad of [sps.subarray(0, 10), Buffer.from([0x40, 1, 2, 3, 4])]) expect(() => parseH265Sps(bad)).toThrow(InvalidError);
  });
});

describe('fmtp sprop-vps/sps/pps', () => {
  it('reads the three sets of a real clip back', () => {
    const clip = clips.get('main')!;
    const b64 = (type: number) => nalOf(clip, type).toString('base64');
    const sets = parameterSetsFromFmtp('h265', `sprop-vps=${b64(32)}; sprop-sps=${b64(33)}; sprop-pps=${b64(34)}`)!;
    expect(sets.vps![0]!.equals(nalOf(clip, 32))).toBe(true);
    expect(parseH265Sps(sets.sps[0]!).width).toBe(640);
    expect(parameterSetsFromFmtp('h265', `sprop-sps=${b64(33)}; sprop-pps=${b64(34)}`)).toBeUndefined();
  });
});

describe('parseH265Sps reorder depth (how many pictures the recorder must hold back)', () => {
  const X265 = 'keyint=25:open-gop=0:log-level=error';
  // sps_max_num_reorder_pics of the highest sub-layer; ffmpeg's trace_headers reads the same SPS.
  const REORDER_CASES = [
    { name: 'bframes0', params: `${X265}:bframes=0`, depth: 0, field: 'sps_max_num_reorder_pics[0]' },
    { name: 'bframes2', params: `${X265}:bframes=2`, depth: 2, field: 'sps_max_num_reorder_pics[0]' },
    // Two temporal sub-layers, each with its ordering info: the highest one counts.
    { name: 'bframes3-temporal-layers', params: `${X265}:bframes=3:temporal-layers=1`, depth: 2, field: 'sps_max_num_reorder_pics[1]' },
  ];
  const reorderClips = new Map<string, Clip>();
  let removeReorder: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempDir();
    removeReorder = temp.remove;
    for (const c of REORDER_CASES) reorderClips.set(c.name, await makeClip(temp.dir, c.name, 'h265', { size: '320x180', seconds: 0.4, args: ['-x265-params', c.params] }));
  });
  afterAll(() => removeReorder?.());

  it.each(REORDER_CASES)('$name: sps_max_num_reorder_pics of the highest sub-layer, as trace_headers reads it', async (c) => {
    const clip = reorderClips.get(c.name)!;
    expect((await traceHeaders(clip.file)).get(c.field)?.value).toBe(c.depth);
    expect(parseH265Sps(nalOf(clip, 33)).reorderDepth).toBe(c.depth);
  });

  it('an SPS that ends before its sub-layer ordering info leaves the depth unknown, the picture size read', async () => {
    const clip = reorderClips.get('bframes2')!;
    const sps = nalOf(clip, 33);
    const ordering = (await traceHeaders(clip.file)).get('sps_sub_layer_ordering_info_present_flag')!;
    const cut = cutAt(sps, ordering.position, '');
    expect(parseH265Sps(cut).width).toBe(320);
    expect([parseH265Sps(sps).reorderDepth, parseH265Sps(cut).reorderDepth]).toEqual([2, undefined]);
  });
});
