/**
 * Test-only: Annex B byte streams (as ffmpeg writes them with -f h264 / -f hevc) cut into NAL units,
 * grouped into access units, and turned into fMP4 samples. The depacketizers' own helpers will
 * replace this once src/media/annexb.ts lands.
 */
import type { ParameterSets, Sample, VideoCodec } from '../../../src/media/types.ts';

export function splitAnnexB(stream: Buffer): Buffer[] {
  const nalus: Buffer[] = [];
  let start = -1;
  let i = 0;
  while (i + 2 < stream.length) {
    if (stream[i] === 0 && stream[i + 1] === 0 && stream[i + 2] === 1) {
      if (start >= 0) nalus.push(trimZeros(stream.subarray(start, i)));
      i += 3;
      start = i;
    } else i++;
  }
  if (start >= 0) nalus.push(stream.subarray(start));
  return nalus.filter((n) => n.length > 0);
}

function trimZeros(nal: Buffer): Buffer {
  let end = nal.length;
  while (end > 0 && nal[end - 1] === 0) end--;
  return nal.subarray(0, end);
}

export function nalType(codec: VideoCodec, nal: Buffer): number {
  return codec === 'h264' ? nal[0]! & 0x1f : (nal[0]! >> 1) & 0x3f;
}

function isVcl(codec: VideoCodec, type: number): boolean {
  return codec === 'h264' ? type >= 1 && type <= 5 : type <= 31;
}

/** The first slice of a picture: first_mb_in_slice = 0 / first_slice_segment_in_pic_flag = 1. */
function firstSliceOfPicture(codec: VideoCodec, nal: Buffer): boolean {
  return codec === 'h264' ? (nal[1]! & 0x80) !== 0 : (nal[2]! & 0x80) !== 0;
}

/** Non-VCL units that open a new access unit when they follow a picture (H.264 7.4.1.2.3, H.265 7.4.2.4.4). */
function opensAccessUnit(codec: VideoCodec, type: number): boolean {
  return codec === 'h264' ? [6, 7, 8, 9].includes(type) || (type >= 14 && type <= 18) : (type >= 32 && type <= 35) || type === 39 || (type >= 41 && type <= 44);
}

export interface TestAccessUnit {
  nalus: Buffer[];
  keyframe: boolean;
}

export function accessUnits(codec: VideoCodec, nalus: Buffer[]): TestAccessUnit[] {
  const units: TestAccessUnit[] = [];
  let current: Buffer[] = [];
  let hasPicture = false;
  const flush = () => {
    if (hasPicture) units.push({ nalus: current, keyframe: current.some((n) => isKeyframe(codec, nalType(codec, n))) });
    current = [];
    hasPicture = false;
  };
  for (const nal of nalus) {
    const type = nalType(codec, nal);
    const vcl = isVcl(codec, type);
    if (hasPicture && ((vcl && firstSliceOfPicture(codec, nal)) || opensAccessUnit(codec, type))) flush();
    current.push(nal);
    if (vcl) hasPicture = true;
  }
  flush();
  return units;
}

function isKeyframe(codec: VideoCodec, type: number): boolean {
  return codec === 'h264' ? type === 5 : type >= 16 && type <= 23;
}

function isParameterSetOrDelimiter(codec: VideoCodec, type: number): boolean {
  return codec === 'h264' ? type === 7 || type === 8 || type === 9 : type === 32 || type === 33 || type === 34 || type === 35;
}

export function parameterSets(codec: VideoCodec, nalus: Buffer[]): ParameterSets {
  const of = (t: number) => {
    const found = nalus.find((n) => nalType(codec, n) === t);
    return found ? [found] : [];
  };
  return codec === 'h264' ? { codec, sps: of(7), pps: of(8) } : { codec, vps: of(32), sps: of(33), pps: of(34) };
}

/** A sample: the picture's NAL units, parameter sets and delimiters left out, 4-byte length prefixes. */
export function toSample(codec: VideoCodec, unit: TestAccessUnit, duration: number): Sample {
  const kept = unit.nalus.filter((n) => !isParameterSetOrDelimiter(codec, nalType(codec, n)));
  const data = Buffer.allocUnsafe(kept.reduce((sum, n) => sum + 4 + n.length, 0));
  let pos = 0;
  for (const n of kept) {
    data.writeUInt32BE(n.length, pos);
    n.copy(data, pos + 4);
    pos += 4 + n.length;
  }
  return { data, duration, keyframe: unit.keyframe, compositionOffset: 0 };
}
