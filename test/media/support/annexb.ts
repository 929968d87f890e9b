/**
 * Test-only: an Annex B clip (as ffmpeg writes it with -f h264 / -f hevc) turned into what the
 * muxer takes, using the depacketizers' own src/media/annexb.ts for splitting and grouping.
 */
import { groupAccessUnits, splitAnnexB, toLengthPrefixed } from '../../../src/media/annexb.ts';
import type { ParameterSets, Sample, VideoCodec } from '../../../src/media/types.ts';

export { splitAnnexB };

export function nalType(codec: VideoCodec, nal: Buffer): number {
  return codec === 'h264' ? nal[0]! & 0x1f : (nal[0]! >> 1) & 0x3f;
}

export interface TestAccessUnit {
  nalus: Buffer[];
  keyframe: boolean;
}

/** IDR (H.264) or IRAP (H.265) pictures. */
function isKeyframe(codec: VideoCodec, type: number): boolean {
  return codec === 'h264' ? type === 5 : type >= 16 && type <= 23;
}

function isParameterSetOrDelimiter(codec: VideoCodec, type: number): boolean {
  return codec === 'h264' ? type >= 7 && type <= 9 : type >= 32 && type <= 35;
}

export function accessUnits(codec: VideoCodec, nalus: Buffer[]): TestAccessUnit[] {
  return groupAccessUnits(nalus, codec).map((unit) => ({ nalus: unit, keyframe: unit.some((n) => isKeyframe(codec, nalType(codec, n))) }));
}

export function parameterSets(codec: VideoCodec, nalus: Buffer[]): ParameterSets {
  const of = (t: number) => {
    const found = nalus.find((n) => nalType(codec, n) === t);
    return found ? [found] : [];
  };
  return codec === 'h264' ? { codec, sps: of(7), pps: of(8) } : { codec, vps: of(32), sps: of(33), pps: of(34) };
}

/** A sample: the picture's NAL units, parameter sets and delimiters left out (they are in the init segment). */
export function toSample(codec: VideoCodec, unit: TestAccessUnit, duration: number): Sample {
  const kept = unit.nalus.filter((n) => !isParameterSetOrDelimiter(codec, nalType(codec, n)));
  return { data: toLengthPrefixed(kept), duration, keyframe: unit.keyframe, compositionOffset: 0 };
}
