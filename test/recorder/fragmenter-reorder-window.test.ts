/**
 * The reorder window follows the stream's SPS: a stream that cannot reorder is held back by no picture
 * (live viewers and the disk get each picture one frame after it came, not four), a B-frame stream by as
 * many pictures as it declares, and a change of parameter sets mid-stream loses and reorders nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseClip, type Clip } from '../../src/media/simulator/clip.ts';
import type { ParameterSets, VideoCodec } from '../../src/media/types.ts';
import { Fragmenter, type FragmenterOptions, type FragmenterOutput } from '../../src/recorder/fragmenter.ts';
import { sampleDataOf } from '../../src/recorder/sample-data.ts';
import { decodeErrors, makeBframeClip, packets, probe } from '../media/support/ffmpeg.ts';
import { cutAt, traceHeaders } from '../media/support/sps-trace.ts';
import { sha256 } from '../support/archive.ts';

const T0 = Date.UTC(2026, 11, 6, 3);
const FRAME_TICKS = 3600;
const CLIPS = path.resolve(import.meta.dirname, '../../media/clips');

function committedClip(codec: VideoCodec): Clip {
  return parseClip(readFileSync(path.join(CLIPS, `testsrc-360p25.${codec}`)), codec);
}

interface Part {
  clip: Clip;
  /** Parameter sets sent with its pictures (default: the clip's own). */
  sets?: ParameterSets;
  /** Pictures (by decode index) that never come: RTP and wall time go on. */
  skip?: (i: number) => boolean;
}

/**
 * Sends the parts one after another in decode order, RTP timestamps = presentation times, one frame per
 * 40 ms; returns each push's outputs (the flush's last) and what was sent.
 */
function record(parts: Part[], options: FragmenterOptions & { live?: boolean } = {}): { pushes: FragmenterOutput[][]; sent: { pts: number; data: Buffer }[] } {
  const fragmenter = new Fragmenter({ segmentMs: 10_000, fragmentMs: 1000, ...options });
  fragmenter.live = options.live ?? false;
  const pushes: FragmenterOutput[][] = [];
  const sent: { pts: number; data: Buffer }[] = [];
  let base = 0;
  for (const { clip, sets, skip } of parts) {
    clip.frames.forEach((f, i) => {
      if (skip?.(i)) return;
      const pts = base + i + f.displayOffset;
      const au = { codec: clip.codec, nalus: f.nalus, keyframe: f.keyframe, arrivalMs: 0, rtpTimestamp: pts * FRAME_TICKS };
      sent.push({ pts, data: sampleDataOf(au) });
      pushes.push(fragmenter.push(au, sets ?? clip.parameterSets, T0 + (base + i) * 40));
    });
    base += clip.frames.length;
  }
  pushes.push(fragmenter.flush());
  return { pushes, sent };
}

/** Index of the push whose outputs first hold one of this kind (and, for live chunks, a keyframe first). */
function firstPushWith(pushes: FragmenterOutput[][], kind: 'live' | 'fragment'): number {
  return pushes.findIndex((outs) => outs.some((o) => o.kind === kind && (o.kind !== 'live' || o.meta.keyframe)));
}

function mdatPayload(fragment: Buffer): Buffer {
  const at = fragment.indexOf('mdat', 0, 'latin1') - 4;
  return fragment.subarray(at + 8, at + fragment.readUInt32BE(at));
}

/** The SPS with what says its reorder depth cut off: H.264 without VUI, H.265 ended before the sub-layer ordering info. */
async function withoutDepth(codec: VideoCodec): Promise<ParameterSets> {
  const clip = committedClip(codec);
  const field = codec === 'h264' ? 'vui_parameters_present_flag' : 'sps_sub_layer_ordering_info_present_flag';
  const at = (await traceHeaders(path.join(CLIPS, `testsrc-360p25.${codec}`))).get(field)!;
  return { ...clip.parameterSets, sps: [cutAt(clip.parameterSets.sps[0]!, at.position, codec === 'h264' ? '0' : '')] };
}

describe.each(['h264', 'h265'] as const)('reorder window of a stream that cannot reorder (%s)', (codec) => {
  it('each picture comes out when the next one arrives: one 40 ms live chunk per push from the keyframe on', () => {
    const { pushes } = record([{ clip: committedClip(codec) }], { live: true, liveChunkMs: 40 });
    expect(pushes[0]!.map((o) => o.kind)).toEqual(['segment']);
    for (const [i, outs] of pushes.slice(1, 40).entries()) {
      const live = outs.filter((o) => o.kind === 'live');
      expect(live, `push ${i + 1}`).toHaveLength(1);
      expect(live[0]!.meta.startMs).toBe(T0 + i * 40);
    }
    expect(pushes[1]!.find((o) => o.kind === 'live')?.meta.keyframe).toBe(true);
  });

  it("the keyframe's 200 ms live chunk comes with the 6th picture and the first 1 s fragment with the 26th (not 3 pictures later)", () => {
    const { pushes } = record([{ clip: committedClip(codec) }], { live: true });
    expect(firstPushWith(pushes, 'live')).toBe(5);
    expect(firstPushWith(pushes, 'fragment')).toBe(25);
  });

  it('its fragments, live chunks and holes are byte for byte those of the same stream held back 3 pictures (an SPS that does not say)', async () => {
    const clip = committedClip(codec);
    const parts: Part[] = [{ clip }, { clip, skip: (i) => i >= 30 && i < 50 }, { clip }];
    const held = record(parts, { live: true });
    const sets = await withoutDepth(codec);
    const heldBack = record(
      parts.map((p) => ({ ...p, sets })),
      { live: true },
    );
    const content = (pushes: FragmenterOutput[][]) =>
      pushes.flat().map((o) => (o.kind === 'segment' ? 'segment' : o.kind === 'hole' ? o : { kind: o.kind, sha256: sha256(o.data), meta: o.meta }));
    expect(firstPushWith(heldBack.pushes, 'live')).toBe(8);
    expect(content(held.pushes)).toEqual(content(heldBack.pushes));
    expect(content(held.pushes).filter((o) => o === 'segment')).toHaveLength(2);
    expect(content(held.pushes).filter((o) => typeof o === 'object' && o.kind === 'hole')).toHaveLength(1);
  });
});

describe.each(['h264', 'h265'] as const)('reorder window of B-frame streams (%s)', { timeout: 120_000 }, (codec) => {
  let bframes: Clip;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-reorder-'));
    bframes = parseClip(readFileSync((await makeBframeClip(dir, codec, 4)).file), codec);
    expect(bframes.frames.some((f) => f.displayOffset < 0)).toBe(true);
  });

  it('a stream that declares 2 is held back 2 pictures: the keyframe comes out with the 3rd picture', () => {
    const { pushes } = record([{ clip: bframes }], { live: true, liveChunkMs: 40 });
    expect(firstPushWith(pushes, 'live')).toBe(3);
  });

  it.each([
    ['from depth 2 to 0', (b: Clip, c: Clip) => [b, c]],
    ['from depth 0 to 2', (b: Clip, c: Clip) => [c, b]],
  ])('new parameter sets %s mid-stream: every picture kept, in order, each segment shown as sent; the window follows at once', async (_, order) => {
    const parts = order(bframes, committedClip(codec));
    const { pushes, sent } = record(parts.map((clip) => ({ clip })));
    const outputs = pushes.flat();
    // The new sets' keyframe starts its segment at its own arrival when the new window is 0, 2 pictures later when it is 2.
    const switchPush = pushes.findIndex((outs, i) => i > 0 && outs.some((o) => o.kind === 'segment'));
    expect(switchPush).toBe(100 + (parts[1] === bframes ? 2 : 0));
    const fragments = outputs.filter((o) => o.kind === 'fragment');
    expect(sha256(Buffer.concat(fragments.map((f) => mdatPayload(f.data))))).toBe(sha256(Buffer.concat(sent.map((s) => s.data))));
    const files: Buffer[][] = [];
    for (const o of outputs) {
      if (o.kind === 'segment') files.push([o.init]);
      else if (o.kind === 'fragment') files[files.length - 1]!.push(o.data);
    }
    expect(files).toHaveLength(2);
    for (const [i, parts] of files.entries()) {
      const file = path.join(dir, `switch-${codec}-${i}.mp4`);
      writeFileSync(file, Buffer.concat(parts));
      const { stderr, json } = await probe(file);
      expect(stderr).toBe('');
      expect(Number((json.streams[0] as { nb_read_frames: string }).nb_read_frames)).toBe(100);
      expect(await decodeErrors(file)).toBe('');
      const times = (await packets(file)).map((p) => Math.round(Number(p.pts_time) * 25));
      expect(times.map((t) => t - Math.min(...times))).toEqual(sent.slice(i * 100, i * 100 + 100).map((s) => s.pts - i * 100));
    }
  });

  it('a stream that reorders although its SPS says 0 widens the window: from its second group on, pictures are shown as sent', async () => {
    const sets = committedClip(codec).parameterSets;
    const { pushes, sent } = record([{ clip: bframes, sets }]);
    const file = path.join(dir, `undeclared-${codec}.mp4`);
    writeFileSync(file, Buffer.concat(pushes.flat().flatMap((o) => (o.kind === 'segment' ? [o.init] : o.kind === 'fragment' ? [o.data] : []))));
    const times = (await packets(file)).map((p) => Math.round(Number(p.pts_time) * 25));
    expect(times).toHaveLength(100);
    const fromSecondGroup = (list: number[]) => list.slice(25).map((t) => t - (list[25] as number));
    expect(fromSecondGroup(times)).toEqual(fromSecondGroup(sent.map((s) => s.pts)));
  });
});
