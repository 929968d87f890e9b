import type { BitReader } from '../bit-reader.ts';
import { InvalidError } from '../../shared/errors.ts';

/** aspect_ratio_idc whose sample aspect ratio follows as two 16-bit numbers (Table E-1). */
const EXTENDED_SAR = 255;
/** The most frames a decoded picture buffer holds (§A.3.1): max_dec_frame_buffering above it is no real SPS. */
const MAX_DPB_FRAMES = 16;
/** cpb_cnt_minus1 is at most 31 (§E.2.2). */
const MAX_CPB_COUNT = 32;

/** hrd_parameters() (§E.1.2), skipped. */
function skipHrd(r: BitReader): void {
  const cpbCount = r.ue() + 1;
  if (cpbCount > MAX_CPB_COUNT) throw new InvalidError('E_H264_SPS_MALFORMED', { details: { reason: 'cpb_cnt_minus1' } });
  r.skip(8); // bit_rate_scale, cpb_size_scale
  for (let i = 0; i < cpbCount; i++) {
    r.ue(); // bit_rate_value_minus1
    r.ue(); // cpb_size_value_minus1
    r.skip(1); // cbr_flag
  }
  r.skip(20); // initial_cpb_removal_delay, cpb_removal_delay, dpb_output_delay lengths; time_offset_length
}

/**
 * max_num_reorder_frames of an H.264 SPS (§E.1.1), the reader placed at vui_parameters_present_flag:
 * how many frames may come before a picture in decode order and after it in display order. Undefined
 * where the SPS has no VUI, its VUI no bitstream_restriction, or the VUI is cut short or out of range:
 * then the stream does not say, and the caller keeps its own guess.
 */
export function reorderFramesOfVui(r: BitReader): number | undefined {
  try {
    if (!r.u1()) return undefined; // vui_parameters_present_flag
    if (r.u1() && r.u(8) === EXTENDED_SAR) r.skip(32); // aspect_ratio_info
    if (r.u1()) r.skip(1); // overscan_info
    if (r.u1()) {
      r.skip(4); // video_format, video_full_range_flag
      if (r.u1()) r.skip(24); // colour_primaries, transfer_characteristics, matrix_coefficients
    }
    if (r.u1()) {
      r.ue(); // chroma_sample_loc_type_top_field
      r.ue(); // chroma_sample_loc_type_bottom_field
    }
    if (r.u1()) r.skip(65); // num_units_in_tick, time_scale, fixed_frame_rate_flag
    const nalHrd = r.u1();
    if (nalHrd) skipHrd(r);
    const vclHrd = r.u1();
    if (vclHrd) skipHrd(r);
    if (nalHrd || vclHrd) r.skip(1); // low_delay_hrd_flag
    r.skip(1); // pic_struct_present_flag
    if (!r.u1()) return undefined; // bitstream_restriction_flag
    r.skip(1); // motion_vectors_over_pic_boundaries_flag
    for (let i = 0; i < 4; i++) r.ue(); // max_bytes_per_pic_denom, max_bits_per_mb_denom, log2_max_mv_length_horizontal/vertical
    const reorder = r.ue();
    const dpbFrames = r.ue(); // max_dec_frame_buffering
    return reorder <= dpbFrames && dpbFrames <= MAX_DPB_FRAMES ? reorder : undefined;
  } catch (error) {
    if (error instanceof InvalidError) return undefined;
    throw error;
  }
}
