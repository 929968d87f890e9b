/**
 * The init segment: its configuration records match what ffmpeg itself writes for the same stream
 * (avcC byte for byte; hvcC in every general field and in the parameter sets), and its boxes say
 * what the fragments rely on (track 1, timescale, size, mvex/trex).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInitSegment } from '../../src/media/fmp4/init-segment.ts';
import { scanBoxes } from '../../src/media/fmp4/parse.ts';
import type { VideoCodec, VideoTrack } from '../../src/media/types.ts';
import { InvalidError } from '../../src/shared/errors.ts';
import { parameterSets, splitAnnexB } from './support/annexb.ts';
import { findBox } from './support/boxes.ts';
import { makeClip, remuxWithFfmpeg } from './support/ffmpeg.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'custos-fmp4-init-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const STSD = 'moov/trak/mdia/minf/stbl/stsd';

// 4:2:2 10-bit gives High 4:2:2 (profile 122) and HEVC RExt: other chroma formats, bit depths, constraint flags.
describe.each<[VideoCodec, string, string, string]>([
  ['h264', 'yuv420p', 'avc1', 'avcC'],
  ['h264', 'yuv422p10le', 'avc1', 'avcC'],
  ['h265', 'yuv420p', 'hvc1', 'hvcC'],
  ['h265', 'yuv422p10le', 'hvc1', 'hvcC'],
])('%s %s init segment', (codec, pixFmt, entry, record) => {
  let ours: Buffer;
  let theirs: Buffer;
  let track: VideoTrack;

  beforeAll(async () => {
    const clip = await makeClip(dir, codec, 1, pixFmt);
    track = { codec, width: 640, height: 360, timescale: 90000, parameterSets: parameterSets(codec, splitAnnexB(await readFile(clip))), codecString: '' };
    ours = createInitSegment(track);
    const remuxed = join(dir, `${codec}-${pixFmt}-ffmpeg.mp4`);
    await remuxWithFfmpeg(clip, remuxed, codec);
    theirs = await readFile(remuxed);
  });

  it('is ftyp then moov, nothing else', () => {
    expect(scanBoxes(ours).map((b) => b.type)).toEqual(['ftyp', 'moov']);
    expect(scanBoxes(ours).reduce((end, b) => Math.max(end, b.offset + b.size), 0)).toBe(ours.length);
    expect(findBox(ours, 'ftyp')!.toString('latin1')).toMatch(/^iso5.{4}iso5iso6mp41$/s);
  });

  it('declares track 1 at 90 kHz, 640×360, fragmented', () => {
    const mvhd = findBox(ours, 'moov/mvhd')!;
    expect(mvhd.readUInt32BE(12)).toBe(90000);
    const tkhd = findBox(ours, 'moov/trak/tkhd')!;
    expect(tkhd.readUInt32BE(12)).toBe(1);
    expect(tkhd.readUInt32BE(76) / 65536).toBe(640);
    expect(tkhd.readUInt32BE(80) / 65536).toBe(360);
    expect(findBox(ours, 'moov/trak/mdia/mdhd')!.readUInt32BE(12)).toBe(90000);
    expect(findBox(ours, 'moov/trak/mdia/hdlr')!.toString('latin1', 8, 12)).toBe('vide');
    expect(findBox(ours, 'moov/mvex/trex')!.readUInt32BE(4)).toBe(1);
    const sampleEntry = findBox(ours, `${STSD}/${entry}`)!;
    expect(sampleEntry.readUInt16BE(24)).toBe(640);
    expect(sampleEntry.readUInt16BE(26)).toBe(360);
  });

  it(`has the ${record} ffmpeg writes for the same stream`, () => {
    const a = findBox(ours, `${STSD}/${entry}/${record}`)!;
    const b = findBox(theirs, `${STSD}/${entry}/${record}`)!;
    expect(b).toBeDefined();
    if (codec === 'h264') {
      expect(a.toString('hex')).toBe(b.toString('hex'));
      return;
    }
    // General profile/tier/level, chroma, bit depths, layers, length size: bytes 0–12 and 16–21.
    expect(a.subarray(0, 13).toString('hex')).toBe(b.subarray(0, 13).toString('hex'));
    expect(a.subarray(16, 22).toString('hex')).toBe(b.subarray(16, 22).toString('hex'));
    for (const [type, nal] of [
      [0xa0, track.parameterSets.vps![0]!],
      [0xa1, track.parameterSets.sps[0]!],
      [0xa2, track.parameterSets.pps[0]!],
    ] as const) {
      const array = Buffer.concat([Buffer.from([type, 0, 1, nal.length >> 8, nal.length & 0xff]), nal]);
      expect(a.includes(array)).toBe(true);
      expect(b.includes(array)).toBe(true);
    }
  });

  it('refuses a track without its parameter sets', () => {
    const empty: VideoTrack = { ...track, parameterSets: { codec, sps: [], pps: [], vps: [] } };
    expect(() => createInitSegment(empty)).toThrow(InvalidError);
  });
});
