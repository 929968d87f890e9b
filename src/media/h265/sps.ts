import { BitReader } from '../bit-reader.ts';
import { removeEmulationPrevention } from '../rbsp.ts';
import { InvalidError } from '../../shared/errors.ts';

export interface H265SpsInfo {
  profileSpace: number;
  tierFlag: number;
  profileIdc: number;
  /** general_profile_compatibility_flag[0..31], flag 0 in the most significant bit. */
  profileCompatibilityFlags: number;
  /** The six bytes from general_progressive_source_flag on. */
  constraintBytes: number[];
  levelIdc: number;
  chromaFormatIdc: number;
  /** Display size, after the conformance window. */
  width: number;
  height: number;
  /** ISO/IEC 14496-15 annex E `hvc1.…`. */
  codecString: string;
  /** What a slice header's picture order count depends on (§7.3.6.1). */
  slice: { log2MaxPocLsb: number; separateColourPlane: number };
  /**
   * sps_max_num_reorder_pics of the highest sub-layer: how many pictures may come before a picture in
   * decode order and after it in display order; undefined where the SPS ends before it or is out of range.
   */
  reorderDepth: number | undefined;
}

const CODE = 'E_H265_SPS_MALFORMED';

function reverseBits32(value: number): number {
  let out = 0;
  for (let i = 0; i < 32; i++) {
    out = out * 2 + (value & 1);
    value >>>= 1;
  }
  return out;
}

/** ISO/IEC 14496-15 §E.3: `hvc1.[A-C]profile.compat(reversed, hex).[LH]level[.constraint bytes, trailing zeros left out]`. */
export function h265CodecString(info: Pick<H265SpsInfo, 'profileSpace' | 'profileIdc' | 'profileCompatibilityFlags' | 'tierFlag' | 'levelIdc' | 'constraintBytes'>): string {
  const space = info.profileSpace === 0 ? '' : String.fromCharCode(0x40 + info.profileSpace);
  let codec = `hvc1.${space}${info.profileIdc}.${reverseBits32(info.profileCompatibilityFlags).toString(16).toUpperCase()}.${info.tierFlag ? 'H' : 'L'}${info.levelIdc}`;
  let last = info.constraintBytes.length;
  while (last > 0 && info.constraintBytes[last - 1] === 0) last--;
  for (let i = 0; i < last; i++) codec += `.${info.constraintBytes[i]!.toString(16).toUpperCase().padStart(2, '0')}`;
  return codec;
}

/** sps_max_dec_pic_buffering_minus1 is below MaxDpbSize, at most 16 (§A.4.2). */
const MAX_DPB_SIZE = 16;

/**
 * What follows the picture size: log2_max_pic_order_cnt_lsb (0 where the SPS ends before it) and the
 * highest sub-layer's sps_max_num_reorder_pics (undefined where the SPS ends before it or breaks its bound).
 */
function pictureOrderOf(r: BitReader, maxSubLayersMinus1: number): { log2MaxPocLsb: number; reorderDepth: number | undefined } {
  let log2MaxPocLsb = 0;
  try {
    r.ue(); // bit_depth_luma_minus8
    r.ue(); // bit_depth_chroma_minus8
    log2MaxPocLsb = r.ue() + 4;
    // With sps_sub_layer_ordering_info_present_flag every sub-layer has its values, else only the highest: it is read last either way.
    const everySubLayer = r.u1();
    let dpbMinus1 = 0;
    let reorder = 0;
    for (let i = everySubLayer ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
      dpbMinus1 = r.ue(); // sps_max_dec_pic_buffering_minus1
      reorder = r.ue(); // sps_max_num_reorder_pics
      r.ue(); // sps_max_latency_increase_plus1
    }
    return { log2MaxPocLsb, reorderDepth: reorder <= dpbMinus1 && dpbMinus1 < MAX_DPB_SIZE ? reorder : undefined };
  } catch {
    return { log2MaxPocLsb, reorderDepth: undefined };
  }
}

/** Reads an H.265 SPS NAL unit (with its two-byte header). Throws InvalidError E_H265_SPS_MALFORMED. */
export function parseH265Sps(nal: Uint8Array): H265SpsInfo {
  if (nal.length < 4 || ((nal[0]! >>> 1) & 0x3f) !== 33) throw new InvalidError(CODE, { details: { reason: 'not an SPS' } });
  const r = new BitReader(removeEmulationPrevention(nal.subarray(2)), CODE);
  r.skip(4); // sps_video_parameter_set_id
  const maxSubLayersMinus1 = r.u(3);
  r.u1(); // sps_temporal_id_nesting_flag
  // profile_tier_level(1, sps_max_sub_layers_minus1), §7.3.3
  const profileSpace = r.u(2);
  const tierFlag = r.u1();
  const profileIdc = r.u(5);
  const profileCompatibilityFlags = r.u(32);
  const constraintBytes: number[] = [];
  for (let i = 0; i < 6; i++) constraintBytes.push(r.u(8));
  const levelIdc = r.u(8);
  const subLayerProfile: number[] = [];
  const subLayerLevel: number[] = [];
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    subLayerProfile.push(r.u1());
    subLayerLevel.push(r.u1());
  }
  if (maxSubLayersMinus1 > 0) r.skip(2 * (8 - maxSubLayersMinus1));
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    if (subLayerProfile[i]) r.skip(88);
    if (subLayerLevel[i]) r.skip(8);
  }
  r.ue(); // sps_seq_parameter_set_id
  const chromaFormatIdc = r.ue();
  if (chromaFormatIdc > 3) throw new InvalidError(CODE, { details: { reason: 'chroma_format_idc' } });
  let separateColourPlane = 0;
  if (chromaFormatIdc === 3) separateColourPlane = r.u1();
  let width = r.ue();
  let height = r.ue();
  if (r.u1()) {
    const chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
    const subWidth = chromaArrayType === 1 || chromaArrayType === 2 ? 2 : 1;
    const subHeight = chromaArrayType === 1 ? 2 : 1;
    width -= subWidth * (r.ue() + r.ue());
    height -= subHeight * (r.ue() + r.ue());
  }
  if (width <= 0 || height <= 0) throw new InvalidError(CODE, { details: { reason: 'picture size' } });
  const { log2MaxPocLsb, reorderDepth } = pictureOrderOf(r, maxSubLayersMinus1);
  const info = { profileSpace, tierFlag, profileIdc, profileCompatibilityFlags, constraintBytes, levelIdc, chromaFormatIdc, width, height };
  return { ...info, codecString: h265CodecString(info), slice: { log2MaxPocLsb, separateColourPlane }, reorderDepth };
}
