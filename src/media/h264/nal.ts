/** H.264 NAL unit types (ITU-T H.264 table 7-1) and RTP payload types (RFC 6184 table 1). */
export const H264_IDR = 5;
export const H264_SEI = 6;
export const H264_SPS = 7;
export const H264_PPS = 8;
export const H264_AUD = 9;
export const H264_STAP_A = 24;
export const H264_FU_A = 28;

export function h264NalType(header: number): number {
  return header & 0x1f;
}

/** Coded slices (types 1 to 5). */
export function isH264Vcl(type: number): boolean {
  return type >= 1 && type <= 5;
}

/**
 * Whether a NAL unit of this type, whose first byte after the header is `next`, begins an access
 * unit (H.264 §7.4.1.2.3): SEI, parameter sets, delimiter, prefix NALs, or the first slice of a
 * picture (first_mb_in_slice = 0, i.e. its ue(v) is the single bit 1).
 */
export function h264StartsAccessUnit(type: number, next: number): boolean {
  if (type >= H264_SEI && type <= H264_AUD) return true;
  if (type >= 14 && type <= 18) return true;
  return isH264Vcl(type) && (next & 0x80) !== 0;
}
