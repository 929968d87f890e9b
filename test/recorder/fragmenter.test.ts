import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupAccessUnits, splitAnnexB } from '../../src/media/annexb.ts';
import type { AccessUnit, ParameterSets, VideoCodec } from '../../src/media/types.ts';
import { Fragmenter, type FragmenterOutput } from '../../src/recorder/fragmenter.ts';
import { breaks, walk } from '../viewing/support/fmp4-walk.ts';
import { decodeErrors, probe } from '../media/support/ffmpeg.ts';

const CLIPS = path.resolve(import.meta.dirname, '../../media/clips');

function accessUnitsOf(codec: VideoCodec): { units: AccessUnit[]; params: ParameterSets } {
  const nalus = splitAnnexB(readFileSync(path.join(CLIPS, `testsrc-360p25.${codec}`)));
  const type = (n: Buffer) => (codec === 'h264' ? (n[0] ?? 0) & 0x1f : ((n[0] ?? 0) >> 1) & 0x3f);
  const params: ParameterSets =
    codec === 'h264'
      ? { codec, sps: nalus.filter((n) => type(n) === 7), pps: nalus.filter((n) => type(n) === 8) }
      : { codec, vps: nalus.filter((n) => type(n) === 32), sps: nalus.filter((n) => type(n) === 33), pps: nalus.filter((n) => type(n) === 34) };
  const units = groupAccessUnits(nalus, codec).map((group, i) => ({
    codec,
    nalus: group,
    rtpTimestamp: 0,
    keyframe: group.some((n) => (codec === 'h264' ? type(n) === 5 : type(n) >= 16 && type(n) <= 21)),
    arrivalMs: i,
  }));
  return { units, params };
}

/** Plays the 4 s clip `loops` times at 25 fps from an RTP timestamp near the 32-bit wrap. */
function record(codec: VideoCodec, loops: number, startWall = Date.UTC(2026, 10, 28, 2), live = false): FragmenterOutput[] {
  const { units, params } = accessUnitsOf(codec);
  const fragmenter = new Fragmenter({ segmentMs: 10_000, fragmentMs: 1000 });
  fragmenter.live = live;
  const out: FragmenterOutput[] = [];
  let frame = 0;
  const startTs = 0xffffffff - 3600 * 30;
  for (let loop = 0; loop < loops; loop++) {
    for (const au of units) {
      const rtpTimestamp = (startTs + frame * 3600) >>> 0;
      out.push(...fragmenter.push({ ...au, rtpTimestamp }, params, startWall + frame * 40));
      frame += 1;
    }
  }
  out.push(...fragmenter.flush());
  return out;
}

function toFiles(outputs: FragmenterOutput[], dir: string): { file: string; frames: number; startMs: number; endMs: number }[] {
  const files: { parts: Buffer[]; frames: number; startMs: number; endMs: number }[] = [];
  for (const o of outputs) {
    if (o.kind === 'segment') files.push({ parts: [o.init], frames: 0, startMs: 0, endMs: 0 });
    else if (o.kind === 'fragment') {
      const current = files[files.length - 1]!;
      if (current.frames === 0) current.startMs = o.meta.startMs;
      current.parts.push(o.data);
      current.frames += o.meta.frames;
      current.endMs = o.meta.endMs;
    }
  }
  return files.map((f, i) => {
    const file = path.join(dir, `seg-${i}.mp4`);
    writeFileSync(file, Buffer.concat(f.parts));
    return { file, frames: f.frames, startMs: f.startMs, endMs: f.endMs };
  });
}

describe.each(['h264', 'h265'] as const)('fragmenter (%s)', (codec) => {
  it('cuts keyframe-aligned 10 s segments that ffprobe reads with the frames that were sent, across an RTP timestamp wrap', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'custos-frag-'));
    const outputs = record(codec, 6);
    const segments = toFiles(outputs, dir);
    expect(segments.map((s) => s.frames)).toEqual([250, 250, 100]);
    expect(segments.reduce((n, s) => n + s.frames, 0)).toBe(600);
    const fragments = outputs.filter((o) => o.kind === 'fragment');
    expect(fragments.every((f) => f.kind === 'fragment' && f.meta.frames === 25)).toBe(true);
    for (const segment of segments) {
      const { stderr, json } = await probe(segment.file);
      expect(stderr).toBe('');
      const stream = json.streams[0] as { codec_name: string; width: number; nb_read_frames: string };
      expect(stream.codec_name).toBe(codec === 'h264' ? 'h264' : 'hevc');
      expect(stream.width).toBe(640);
      expect(Number(stream.nb_read_frames)).toBe(segment.frames);
      expect(Number(json.format.duration)).toBeCloseTo(segment.frames / 25, 1);
      expect(segment.endMs - segment.startMs).toBe(segment.frames * 40);
      expect(await decodeErrors(segment.file)).toBe('');
    }
  });

  it('while live is on, also gives live chunks of about 200 ms, keyframe first, contiguous, that ffprobe decodes, leaving the disk fragments as they were', async () => {
    const plain = record(codec, 3);
    const withLive = record(codec, 3, undefined, true);
    const disk = (outputs: FragmenterOutput[]) => outputs.flatMap((o) => (o.kind === 'segment' ? [o.init] : o.kind === 'fragment' ? [o.data] : []));
    expect(disk(withLive)).toEqual(disk(plain));
    // Each segment's init followed by its live chunks is a stream a player decodes, without a gap.
    const dir = mkdtempSync(path.join(tmpdir(), 'custos-live-'));
    const streams: Buffer[][] = [];
    for (const o of withLive) {
      if (o.kind === 'segment') streams.push([o.init]);
      else if (o.kind === 'live') streams[streams.length - 1]!.push(o.data);
    }
    const chunks = withLive.filter((o) => o.kind === 'live');
    expect(chunks.length).toBeGreaterThanOrEqual(300 / 5);
    let frames = 0;
    for (const [i, parts] of streams.entries()) {
      const { pieces } = walk(Buffer.concat(parts));
      expect(breaks(pieces)).toEqual([]);
      const fragments = pieces.filter((p) => p.kind === 'fragment');
      expect(fragments[0]).toMatchObject({ sequence: 1, decodeTime: 0, keyframe: true });
      // About 200 ms each (5 frames at 25 fps), shorter only before a keyframe or a disk fragment's end.
      expect(Math.max(...fragments.map((f) => f.samples))).toBe(5);
      frames += fragments.reduce((n, f) => n + f.samples, 0);
      const file = path.join(dir, `live-${i}.mp4`);
      writeFileSync(file, Buffer.concat(parts));
      const { stderr, json } = await probe(file);
      expect(stderr).toBe('');
      expect(Number((json.streams[0] as { nb_read_frames: string }).nb_read_frames)).toBe(fragments.reduce((n, f) => n + f.samples, 0));
    }
    expect(frames).toBe(300);
    // A chunk that starts with a keyframe says so (viewers start there).
    expect(chunks.filter((c) => c.meta.keyframe).length).toBeGreaterThanOrEqual(streams.length);
  });

  it('waits for a keyframe with parameter sets before the first segment', () => {
    const { units, params } = accessUnitsOf(codec);
    const fragmenter = new Fragmenter();
    expect(fragmenter.push({ ...units[1]!, rtpTimestamp: 3600 }, params, 1000)).toEqual([]);
    expect(fragmenter.push({ ...units[0]!, rtpTimestamp: 7200 }, undefined, 1040)).toEqual([]);
    const started = fragmenter.push({ ...units[0]!, rtpTimestamp: 10800 }, params, 1080);
    expect(started.map((o) => o.kind)).toEqual(['segment']);
  });
});

/** Plays the clip with the frames `skip` says are missing (RTP and wall time go on), from near the RTP wrap. */
function recordWithHole(codec: VideoCodec, frames: number, skip: (frame: number) => boolean, startWall = Date.UTC(2026, 10, 28, 2)): FragmenterOutput[] {
  const { units, params } = accessUnitsOf(codec);
  const fragmenter = new Fragmenter({ segmentMs: 10_000, fragmentMs: 1000 });
  const out: FragmenterOutput[] = [];
  const startTs = 0xffffffff - 3600 * 40;
  for (let frame = 0; frame < frames; frame++) {
    if (skip(frame)) continue;
    const au = units[frame % units.length]!;
    out.push(...fragmenter.push({ ...au, rtpTimestamp: (startTs + frame * 3600) >>> 0 }, params, startWall + frame * 40));
  }
  out.push(...fragmenter.flush());
  return out;
}

describe.each(['h264', 'h265'] as const)('fragmenter holes (%s, REG-15-8)', (codec) => {
  const t0 = Date.UTC(2026, 10, 28, 2);

  it('a skip to the next keyframe across the RTP wrap is a hole: the sample before keeps one frame, a new segment starts at the keyframe, each segment plays', async () => {
    // Frames 30..49 never come (the keyframe is at 50); the RTP timestamp wraps at frame 40.
    const outputs = recordWithHole(codec, 150, (f) => f >= 30 && f < 50);
    const holes = outputs.filter((o) => o.kind === 'hole');
    expect(holes).toEqual([{ kind: 'hole', fromMs: t0 + 30 * 40, toMs: t0 + 50 * 40, frames: 20, keyframe: true }]);
    const at = outputs.indexOf(holes[0]!);
    const before = outputs.slice(0, at).filter((o) => o.kind === 'fragment').at(-1)!;
    expect(before.kind === 'fragment' && before.meta.endMs).toBe(t0 + 30 * 40);
    expect(outputs[at + 1]?.kind).toBe('segment');
    const dir = mkdtempSync(path.join(tmpdir(), 'custos-hole-'));
    const segments = toFiles(outputs, dir);
    expect(segments.map((s) => [s.startMs - t0, s.endMs - t0, s.frames])).toEqual([
      [0, 30 * 40, 30],
      [50 * 40, 150 * 40, 100],
    ]);
    for (const segment of segments) {
      const { stderr, json } = await probe(segment.file);
      expect(stderr).toBe('');
      expect(Number(json.format.duration)).toBeCloseTo(segment.frames / 25, 1);
      expect(await decodeErrors(segment.file)).toBe('');
    }
  });

  it('a hole before a picture that is not a keyframe is still a hole, inside the same segment', () => {
    const outputs = recordWithHole(codec, 100, (f) => f >= 60 && f < 70);
    expect(outputs.filter((o) => o.kind === 'hole')).toEqual([{ kind: 'hole', fromMs: t0 + 60 * 40, toMs: t0 + 70 * 40, frames: 10, keyframe: false }]);
    expect(outputs.filter((o) => o.kind === 'segment')).toHaveLength(1);
  });

  it('jitter below the tolerance, a lower frame rate from the start, and a timestamp jump are not holes', () => {
    // 160 ms late (4 frames) is below 250 ms beyond one frame interval.
    expect(recordWithHole(codec, 100, (f) => f >= 60 && f < 64).filter((o) => o.kind === 'hole')).toEqual([]);
    // 2 fps throughout: every step is 500 ms, which is the frame interval.
    expect(recordWithHole(codec, 200, (f) => f % 12 !== 0).filter((o) => o.kind === 'hole')).toEqual([]);
    // A camera restart: the RTP timestamp jumps by an hour while wall time goes on by one frame.
    const { units, params } = accessUnitsOf(codec);
    const fragmenter = new Fragmenter();
    const out: FragmenterOutput[] = [];
    for (let f = 0; f < 60; f++) out.push(...fragmenter.push({ ...units[f]!, rtpTimestamp: f * 3600 + (f >= 30 ? 3600 * 90_000 : 0) }, params, t0 + f * 40));
    expect(out.filter((o) => o.kind === 'hole')).toEqual([]);
  });
});
