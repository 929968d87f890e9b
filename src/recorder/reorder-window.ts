import { parseH264Sps } from '../media/h264/sps.ts';
import { parseH265Sps } from '../media/h265/sps.ts';
import type { ParameterSets } from '../media/types.ts';
import { InvalidError } from '../shared/errors.ts';

/**
 * Pictures held when the stream does not say how far it reorders: enough for a picture shown up to this
 * many pictures before it is decoded (x264's bframes=3 with b-pyramid needs 2).
 */
export const DEFAULT_REORDER_WINDOW = 3;
/** H.264 and H.265 decoders hold at most 16 pictures; a larger depth is no real stream. */
export const MAX_REORDER_WINDOW = 16;

/**
 * How many pictures the fragmenter holds before a picture's decode time is settled (each held picture
 * delays output by one frame): the reorder depth the SPS declares, 0 for a stream that cannot reorder;
 * the default where the SPS does not say or cannot be read.
 */
export function reorderWindowOf(parameterSets: ParameterSets): number {
  const sps = parameterSets.sps[0];
  if (!sps) return DEFAULT_REORDER_WINDOW;
  try {
    const depth = (parameterSets.codec === 'h264' ? parseH264Sps(sps) : parseH265Sps(sps)).reorderDepth;
    return depth === undefined ? DEFAULT_REORDER_WINDOW : Math.min(depth, MAX_REORDER_WINDOW);
  } catch (error) {
    if (error instanceof InvalidError) return DEFAULT_REORDER_WINDOW;
    throw error;
  }
}
