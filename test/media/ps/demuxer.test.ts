/**
 * The PS demuxer against PS written by our muxer (one pack per picture, as GB/T 28181 devices send)
 * and by ffmpeg (fixed-size VOB packs that cut pictures anywhere), for H.264 and H.265: the same NAL
 * units, keyframes and times come back, whatever the pieces the stream arrives in.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupAccessUnits, splitAnnexB, toLengthPrefixed } from '../../../src/media/annexb.ts';
import { sampleDataOf } from '../../../src/recorder/sample-data.ts';
import { PsDemuxer } from '../../../src/media/ps/demuxer.ts';
import { muxPsPicture } from '../../../src/media/ps/muxer.ts';
import { packetizePs } from '../../../src/media/ps/rtp-ps-packetizer.ts';
import { DEFAULT_CLIPS, frameTimestamp, loadClip, type Clip } from '../../../src/media/simulator/clip.ts';
import type { AccessUnit, VideoCodec } from '../../../src/media/types.ts';
import { tempDir } from '../support/clips.ts';

const run = promisify(execFile);
const PARAMETER_SET_OR_AUD: Record<VideoCodec, (nal: Buffer) => boolean> = {
  h264: (nal) => [7, 8, 9].includes(nal[0]! & 0x1f),
  h265: (nal) => [32, 33, 34, 35].includes((nal[0]! >>> 1) & 0x3f),
};

/** A deterministic generator (xorshift) for piece sizes. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function psOfClip(clip: Clip, frames: number): Buffer[] {
  return Array.from({ length: frames }, (_, k) => {
    const frame = clip.frames[k % clip.frames.length]!;
    return muxPsPicture({ codec: clip.codec, nalus: frame.nalus, keyframe: frame.keyframe, parameterSets: clip.parameterSets, pts90k: frameTimestamp(clip, k) + 90_000 });
  });
}

function pictureNals(au: AccessUnit): Buffer[] {
  return au.nalus.filter((nal) => !PARAMETER_SET_OR_AUD[au.codec](nal));
}

describe('PS demuxer', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await tempDir()));
  afterAll(() => remove?.());

  for (const codec of ['h264', 'h265'] as const) {
    it(`reads back what the muxer wrote (${codec}), over RTP with the marker and in arbitrary pieces without it`, async () => {
      const clip = await loadClip(DEFAULT_CLIPS[codec], codec);
      const packs = psOfClip(clip, 60);
      // As RTP payloads, the marker on each picture's last packet: every picture comes out at once.
      const rtp = new PsDemuxer();
      const viaRtp: AccessUnit[] = [];
      packs.forEach((pack, k) => {
        const packets = packetizePs(pack, { sequence: k * 100, timestamp: 0, ssrc: 1 });
        packets.forEach((packet, i) => {
          const out = rtp.push(packet.subarray(12), k, i === packets.length - 1);
          if (i < packets.length - 1) expect(out).toHaveLength(0);
          else expect(out).toHaveLength(1);
          viaRtp.push(...out);
        });
      });
      // As one byte stream cut anywhere, without markers: a picture comes out when the next begins.
      const next = rng(7);
      const stream = Buffer.concat(packs);
      const plain = new PsDemuxer();
      const viaPieces: AccessUnit[] = [];
      for (let at = 0; at < stream.length; ) {
        const size = 1 + Math.floor(next() * 3000);
        viaPieces.push(...plain.push(stream.subarray(at, at + size), 0));
        at += size;
      }
      viaPieces.push(...plain.flush(0));

      for (const [demuxer, units] of [[rtp, viaRtp], [plain, viaPieces]] as const) {
        expect(units).toHaveLength(60);
        expect(demuxer.codec).toBe(codec);
        expect(demuxer.parameterSets?.sps[0]?.equals(clip.parameterSets.sps[0]!)).toBe(true);
        units.forEach((au, k) => {
          const frame = clip.frames[k % clip.frames.length]!;
          expect(au.keyframe).toBe(frame.keyframe);
          expect(au.rtpTimestamp).toBe(frameTimestamp(clip, k) + 90_000);
          expect(pictureNals(au).map((n) => n.toString('hex'))).toEqual(frame.nalus.map((n) => n.toString('hex')));
        });
        expect(demuxer.stats).toMatchObject({ brokenAccessUnits: 0, droppedAccessUnits: 0, malformed: 0, resyncBytes: 0, programStreamMaps: units.filter((u) => u.keyframe).length });
      }
    });

    it(`reads PS written by ffmpeg (${codec}, VOB packs that cut pictures anywhere, no PSM)`, async () => {
      const raw = path.join(dir, `clip.${codec}`);
      const vob = path.join(dir, `clip-${codec}.vob`);
      const encoder = codec === 'h264' ? ['-c:v', 'libx264', '-bf', '0', '-g', '25', '-f', 'h264'] : ['-c:v', 'libx265', '-x265-params', 'keyint=25:bframes=0:log-level=error', '-f', 'hevc'];
      await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-t', '3', '-pix_fmt', 'yuv420p', ...encoder, raw]);
      await run('ffmpeg', ['-v', 'error', '-y', '-r', '25', '-i', raw, '-c', 'copy', '-f', 'vob', vob]);
      const expected = groupAccessUnits(splitAnnexB(await readFile(raw)), codec);
      const demuxer = new PsDemuxer();
      const units: AccessUnit[] = [];
      const data = await readFile(vob);
      for (let at = 0; at < data.length; at += 1400) units.push(...demuxer.push(data.subarray(at, at + 1400), 0));
      units.push(...demuxer.flush(0));
      expect(units).toHaveLength(75);
      expect(demuxer.codec).toBe(codec);
      units.forEach((au, k) => {
        const want = expected[k]!.filter((nal) => !PARAMETER_SET_OR_AUD[codec](nal));
        expect(pictureNals(au).map((n) => n.toString('hex'))).toEqual(want.map((n) => n.toString('hex')));
        expect(au.keyframe).toBe(k % 25 === 0);
        if (k > 0) expect((au.rtpTimestamp - units[k - 1]!.rtpTimestamp) >>> 0).toBe(3600);
      });
      expect(demuxer.stats.packs).toBeGreaterThan(10);
    });
  }

  it('hands out pictures whose fMP4 sample is a view (start codes turned into lengths), in chunks used again once released', async () => {
    const clip = await loadClip(DEFAULT_CLIPS.h264, 'h264');
    const demuxer = new PsDemuxer();
    const units: AccessUnit[] = [];
    for (const pack of psOfClip(clip, 1000)) units.push(...demuxer.push(pack, 0, true));
    expect(units).toHaveLength(1000);
    for (const au of units) {
      const sample = sampleDataOf(au);
      const inSample = pictureNals(au);
      expect(sample.buffer).toBe(inSample[0]!.buffer);
      expect(sample.equals(toLengthPrefixed(inSample))).toBe(true);
    }
    const chunks = new Set(units.map((u) => u.nalus[0]!.buffer));
    expect(chunks.size).toBeGreaterThan(1);
    // Released through the last picture: the chunks before its own go back to the pool and come out again.
    demuxer.releaseThrough(units.at(-1)!.nalus[0]!);
    const more: AccessUnit[] = [];
    for (const pack of psOfClip(clip, 200)) more.push(...demuxer.push(pack, 0, true));
    expect(more.some((u) => chunks.has(u.nalus[0]!.buffer))).toBe(true);
  });

  it('skips MPEG-1 system streams (ffmpeg -f mpeg) without throwing', async () => {
    const file = path.join(dir, 'mpeg1.mpg');
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-t', '1', '-c:v', 'mpeg1video', '-f', 'mpeg', file]);
    const demuxer = new PsDemuxer();
    const data = await readFile(file);
    for (let at = 0; at < data.length; at += 999) demuxer.push(data.subarray(at, at + 999), 0);
    expect(demuxer.stats.mpeg1Packs).toBeGreaterThan(0);
    expect(demuxer.stats.accessUnits).toBe(0);
  });

  it('after lost bytes drops the broken picture and resumes at the next keyframe; a picture over the limit is dropped and counted', async () => {
    const clip = await loadClip(DEFAULT_CLIPS.h264, 'h264');
    const packs = psOfClip(clip, 100);
    const demuxer = new PsDemuxer();
    const units: AccessUnit[] = [];
    packs.forEach((pack, k) => {
      if (k === 10) {
        units.push(...demuxer.push(pack.subarray(0, 500), k));
        demuxer.lose();
        units.push(...demuxer.push(pack.subarray(900), k, true));
      } else units.push(...demuxer.push(pack, k, true));
    });
    const keyframes = clip.frames.map((f, i) => (f.keyframe ? i : -1)).filter((i) => i > 10);
    expect(units.map((u) => u.arrivalMs)).toEqual([...Array.from({ length: 10 }, (_, i) => i), ...Array.from({ length: 100 - keyframes[0]! }, (_, i) => keyframes[0]! + i)]);
    expect(units[10]!.keyframe).toBe(true);
    expect(demuxer.stats.brokenAccessUnits).toBe(1);

    const small = new PsDemuxer({ maxPictureBytes: 4000 });
    const big = packs.findIndex((p) => p.length > 4200);
    for (const pack of packs) small.push(pack, 0, true);
    expect(big).toBeGreaterThanOrEqual(0);
    expect(small.stats.oversizedPictures).toBeGreaterThan(0);
    expect(small.heldBytes).toBeLessThanOrEqual(4000);
  });
});
