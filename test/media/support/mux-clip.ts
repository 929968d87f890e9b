/**
 * Test-only: an Annex B clip muxed with our init segment and fragments, one fragment per second
 * (keyframe-aligned), 3600 ticks per frame at 25 fps.
 */
import { createFragment } from '../../../src/media/fmp4/fragment.ts';
import { createInitSegment } from '../../../src/media/fmp4/init-segment.ts';
import type { VideoCodec, VideoTrack } from '../../../src/media/types.ts';
import { accessUnits, parameterSets, splitAnnexB, toSample } from './annexb.ts';

export const TICKS_PER_FRAME = 3600;

export interface MuxedClip {
  track: VideoTrack;
  init: Buffer;
  fragments: Buffer[];
  frames: number;
}

export function muxClip(codec: VideoCodec, annexB: Buffer, width: number, height: number): MuxedClip {
  const nalus = splitAnnexB(annexB);
  const track: VideoTrack = { codec, width, height, timescale: 90000, parameterSets: parameterSets(codec, nalus), codecString: codec === 'h264' ? 'avc1.64001e' : 'hvc1.1.6.L90.90' };
  const units = accessUnits(codec, nalus);
  const fragments: Buffer[] = [];
  let start = 0;
  for (let i = 1; i <= units.length; i++) {
    if (i < units.length && !units[i]!.keyframe) continue;
    const samples = units.slice(start, i).map((u) => toSample(codec, u, TICKS_PER_FRAME));
    fragments.push(createFragment(fragments.length + 1, start * TICKS_PER_FRAME, samples));
    start = i;
  }
  return { track, init: createInitSegment(track), fragments, frames: units.length };
}
