/** A keyframe as the decoder wants it: start codes, the parameter sets, the picture, then an access unit delimiter. */
import type { ParameterSets, VideoCodec } from '../../media/types.ts';

const START = Buffer.from([0, 0, 0, 1]);
/**
 * The raw H.264/H.265 demuxer hands a picture on only when it sees the next access unit begin; an access
 * unit delimiter after the keyframe makes it come out at once.
 */
const DELIMITER: Record<VideoCodec, Buffer> = {
  h264: Buffer.from([0, 0, 0, 1, 0x09, 0xf0]),
  h265: Buffer.from([0, 0, 0, 1, 0x46, 0x01, 0x50]),
};

/** A copy: nothing of the caller's buffers (which the depacketizer reuses) is kept. */
export function keyframeAnnexB(parameterSets: ParameterSets, nalus: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const nal of [...(parameterSets.vps ?? []), ...parameterSets.sps, ...parameterSets.pps, ...nalus]) parts.push(START, nal);
  parts.push(DELIMITER[parameterSets.codec]);
  return Buffer.concat(parts);
}
