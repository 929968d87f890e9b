import { parseH264Sps } from '../media/h264/sps.ts';
import { parseH265Sps } from '../media/h265/sps.ts';
import type { ParameterSets, VideoTrack } from '../media/types.ts';

export const VIDEO_TIMESCALE = 90_000;

/** The track an init segment describes, from the stream's parameter sets. Throws on a malformed SPS. */
export function videoTrackOf(parameterSets: ParameterSets): VideoTrack {
  const sps = parameterSets.sps[0];
  if (!sps) throw new Error('no SPS');
  const info = parameterSets.codec === 'h264' ? parseH264Sps(sps) : parseH265Sps(sps);
  return {
    codec: parameterSets.codec,
    width: info.width,
    height: info.height,
    timescale: VIDEO_TIMESCALE,
    parameterSets,
    codecString: info.codecString,
  };
}
