/** H.265 NAL unit types (ITU-T H.265 table 7-1) and RTP payload types (RFC 7798 §4.4). */
export const H265_VPS = 32;
export const H265_SPS = 33;
export const H265_PPS = 34;
export const H265_AUD = 35;
export const H265_PREFIX_SEI = 39;
export const H265_AP = 48;
export const H265_FU = 49;

export function h265NalType(header0: number): number {
  return (header0 >>> 1) & 0x3f;
}

export function isH265Vcl(type: number): boolean {
  return type < 32;
}

/** IRAP pictures (BLA, IDR, CRA): a decoder can start there. */
export function isH265Keyframe(type: number): boolean {
  return type >= 16 && type <= 21;
}

/**
 * Whether a NAL unit of this type, whose first byte after the two-byte header is `next`, begins an
 * access unit (H.265 §7.4.2.4.4): VPS/SPS/PPS, delimiter, prefix SEI, reserved 41..44 and 48..55,
 * or a slice with first_slice_segment_in_pic_flag.
 */
export function h265StartsAccessUnit(type: number, next: number): boolean {
  if (type >= H265_VPS && type <= H265_AUD) return true;
  if (type === H265_PREFIX_SEI || (type >= 41 && type <= 44) || (type >= 48 && type <= 55)) return true;
  return isH265Vcl(type) && (next & 0x80) !== 0;
}
