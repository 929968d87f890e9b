/**
 * B-frame streams (REG-15-4 original integrity, REG-15-8 continuity): pictures come in decode order
 * with RTP timestamps that are their presentation times. Each is stored with a decode time that rises
 * and a composition offset, so segments play at real time with every picture in its place.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseClip } from '../../src/media/simulator/clip.ts';
import type { AccessUnit, ParameterSets, VideoCodec } from '../../src/media/types.ts';
import { Fragmenter, type FragmenterOutput } from '../../src/recorder/fragmenter.ts';
import { breaks, walk } from '../viewing/support/fmp4-walk.ts';
import { decodeErrors, makeBframeClip, packets, probe, remuxWarnings, type BframeClip } from '../media/support/ffmpeg.ts';

const T0 = Date.UTC(2026, 11, 6, 2);
const FRAME_TICKS = 3600;

interface Source {
  units: Omit<AccessUnit, 'rtpTimestamp'>[];
  params: ParameterSets;
  /** Presentation time in frames, decode order. */
  pts: number[];
}

function sourceOf(clip: BframeClip, codec: VideoCodec): Source {
  const parsed = parseClip(readFileSync(clip.file), codec);
  expect(parsed.frames).toHaveLength(clip.pts.length);
  const units = parsed.frames.map((f, i) => ({ codec, nalus: f.nalus, keyframe: f.keyframe, arrivalMs: i }));
  return { units, params: parsed.parameterSets, pts: clip.pts };
}

/** Sends the clip `loops` times in decode order, RTP timestamps = presentation times from near the 32-bit wrap; `skip` by decode index. */
function record(src: Source, loops: number, options: { live?: boolean; skip?: (i: number) => boolean } = {}): FragmenterOutput[] {
  const fragmenter = new Fragmenter({ segmentMs: 10_000, fragmentMs: 1000 });
  fragmenter.live = options.live ?? false;
  const out: FragmenterOutput[] = [];
  const startTs = 0xffffffff - FRAME_TICKS * 30;
  const n = src.units.length;
  for (let i = 0; i < n * loops; i++) {
    if (options.skip?.(i)) continue;
    const pts = Math.floor(i / n) * n + (src.pts[i % n] as number);
    out.push(...fragmenter.push({ ...src.units[i % n]!, rtpTimestamp: (startTs + pts * FRAME_TICKS) >>> 0 }, src.params, T0 + pts * 40));
  }
  out.push(...fragmenter.flush());
  return out;
}

interface SegmentFile {
  file: string;
  frames: number;
  startMs: number;
  endMs: number;
  fragments: Extract<FragmenterOutput, { kind: 'fragment' }>[];
}

function toFiles(outputs: FragmenterOutput[], dir: string): SegmentFile[] {
  const files: (Omit<SegmentFile, 'file'> & { parts: Buffer[] })[] = [];
  for (const o of outputs) {
    if (o.kind === 'segment') files.push({ parts: [o.init], frames: 0, startMs: 0, endMs: 0, fragments: [] });
    else if (o.kind === 'fragment') {
      const current = files[files.length - 1]!;
      if (current.frames === 0) current.startMs = o.meta.startMs;
      current.parts.push(o.data);
      current.frames += o.meta.frames;
      current.endMs = o.meta.endMs;
      current.fragments.push(o);
    }
  }
  return files.map((f, i) => {
    const file = path.join(dir, `seg-${i}.mp4`);
    writeFileSync(file, Buffer.concat(f.parts));
    return { file, frames: f.frames, startMs: f.startMs, endMs: f.endMs, fragments: f.fragments };
  });
}

/** The trun box's version and flags of a moof+mdat. */
function trunOf(data: Buffer): { version: number; flags: number } {
  const at = data.indexOf('trun', 0, 'latin1');
  return { version: data[at + 4]!, flags: data.readUIntBE(at + 5, 3) };
}

describe.each(['h264', 'h265'] as const)('fragmenter with B-frames (%s, REG-15-4, REG-15-8)', { timeout: 120_000 }, (codec) => {
  let src: Source;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-bframes-'));
    src = sourceOf(await makeBframeClip(dir, codec, 4), codec);
    // The clip really reorders: some picture is shown before one decoded ahead of it.
    expect(src.pts.some((p, i) => i > 0 && p < src.pts[i - 1]!)).toBe(true);
  });

  it('stores composition offsets: each 10 s segment plays 10 s, ffprobe and ffmpeg read every picture cleanly, in the order it was shown', async () => {
    const outputs = record(src, 6);
    expect(outputs.filter((o) => o.kind === 'hole')).toEqual([]);
    const segments = toFiles(outputs, dir);
    expect(segments.map((s) => s.frames)).toEqual([250, 250, 100]);
    let decodeIndex = 0;
    for (const segment of segments) {
      const { stderr, json } = await probe(segment.file);
      expect(stderr).toBe('');
      expect(Number((json.streams[0] as { nb_read_frames: string }).nb_read_frames)).toBe(segment.frames);
      expect(Number(json.format.duration)).toBeCloseTo(segment.frames / 25, 1);
      expect(segment.endMs - segment.startMs).toBe(segment.frames * 40);
      expect(await decodeErrors(segment.file)).toBe('');
      expect(await remuxWarnings(segment.file, dir)).toBe('');
      // Fragments follow one another without gap or overlap on the wall clock.
      for (let i = 1; i < segment.fragments.length; i++) expect(segment.fragments[i]!.meta.startMs).toBe(segment.fragments[i - 1]!.meta.endMs);
      // Offsets are there, signed (trun version 1): B-frames are shown before pictures decoded ahead of them.
      expect(segment.fragments.map((f) => trunOf(f.data))).toContainEqual({ version: 1, flags: expect.any(Number) as number });
      expect(segment.fragments.every((f) => (trunOf(f.data).flags & 0x800) !== 0)).toBe(true);
      // Presentation times, in decode order, are those the camera sent, from 0 at the segment's keyframe.
      const times = (await packets(segment.file)).map((p) => Math.round(Number(p.pts_time) * 25));
      const shown = times.map((t) => t - Math.min(...times));
      const n = src.pts.length;
      const sent: number[] = [];
      for (let i = decodeIndex; i < decodeIndex + segment.frames; i++) sent.push(Math.floor(i / n) * n + src.pts[i % n]! - decodeIndex);
      expect(shown).toEqual(sent);
      expect([...shown].sort((a, b) => a - b)).toEqual(Array.from({ length: segment.frames }, (_, i) => i));
      decodeIndex += segment.frames;
    }
  });

  it('live chunks of a B-frame stream decode too, and leave the disk fragments as they were', async () => {
    const plain = record(src, 3);
    const withLive = record(src, 3, { live: true });
    const disk = (outputs: FragmenterOutput[]) => outputs.flatMap((o) => (o.kind === 'segment' ? [o.init] : o.kind === 'fragment' ? [o.data] : []));
    expect(disk(withLive)).toEqual(disk(plain));
    const streams: Buffer[][] = [];
    for (const o of withLive) {
      if (o.kind === 'segment') streams.push([o.init]);
      else if (o.kind === 'live') streams[streams.length - 1]!.push(o.data);
    }
    let frames = 0;
    for (const [i, parts] of streams.entries()) {
      const { pieces } = walk(Buffer.concat(parts));
      expect(breaks(pieces)).toEqual([]);
      const count = pieces.reduce((n, p) => n + (p.kind === 'fragment' ? p.samples : 0), 0);
      frames += count;
      const file = path.join(dir, `live-${codec}-${i}.mp4`);
      writeFileSync(file, Buffer.concat(parts));
      const { stderr, json } = await probe(file);
      expect(stderr).toBe('');
      expect(Number((json.streams[0] as { nb_read_frames: string }).nb_read_frames)).toBe(count);
      expect(await decodeErrors(file)).toBe('');
    }
    expect(frames).toBe(300);
  });

  it('reordering is no hole; a group that never came is one hole, a new segment at the keyframe after it', async () => {
    // Decode indices 125..149 (the group from the keyframe at 125) never come; the RTP timestamp wraps before.
    const outputs = record(src, 3, { skip: (i) => i >= 125 && i < 150 });
    const holes = outputs.filter((o) => o.kind === 'hole');
    expect(holes).toEqual([{ kind: 'hole', fromMs: T0 + 125 * 40, toMs: T0 + 150 * 40, frames: 25, keyframe: true }]);
    expect(outputs[outputs.indexOf(holes[0]!) + 1]?.kind).toBe('segment');
    const segments = toFiles(outputs, dir);
    expect(segments.map((s) => [s.startMs - T0, s.endMs - T0, s.frames])).toEqual([
      [0, 125 * 40, 125],
      [150 * 40, 300 * 40, 150],
    ]);
    for (const segment of segments) {
      const { stderr } = await probe(segment.file);
      expect(stderr).toBe('');
      expect(await decodeErrors(segment.file)).toBe('');
    }
  });
});

describe('fragmenter without B-frames', () => {
  it('writes no composition offsets (trun version 0, flag 0x800 clear)', () => {
    const clip = path.resolve(import.meta.dirname, '../../media/clips/testsrc-360p25.h264');
    const parsed = parseClip(readFileSync(clip), 'h264');
    const fragmenter = new Fragmenter({ fragmentMs: 1000 });
    const out: FragmenterOutput[] = [];
    parsed.frames.forEach((f, i) => {
      expect(f.displayOffset).toBe(0);
      out.push(...fragmenter.push({ codec: 'h264', nalus: f.nalus, keyframe: f.keyframe, arrivalMs: i, rtpTimestamp: i * FRAME_TICKS }, parsed.parameterSets, T0 + i * 40));
    });
    out.push(...fragmenter.flush());
    const fragments = out.filter((o) => o.kind === 'fragment');
    expect(fragments.length).toBeGreaterThan(1);
    for (const f of fragments) expect(trunOf(f.data)).toEqual({ version: 0, flags: 0x000701 });
  });
});
