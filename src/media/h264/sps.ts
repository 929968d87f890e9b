import { BitReader } from '../bit-reader.ts';
import { removeEmulationPrevention } from '../rbsp.ts';
import { InvalidError } from '../../shared/errors.ts';
import { reorderFramesOfVui } from './vui.ts';

export interface H264SpsInfo {
  profileIdc: number;
  /** constraint_set0..5 flags and reserved bits, the byte between profile and level. */
  constraintFlags: number;
  levelIdc: number;
  chromaFormatIdc: number;
  bitDepthLuma: number;
  /** Display size, after cropping. */
  width: number;
  height: number;
  /** RFC 6381 `avc1.PPCCLL`. */
  codecString: string;
  /** What a slice header's picture order count depends on (§7.3.3). */
  slice: { log2MaxFrameNum: number; pocType: number; log2MaxPocLsb: number; frameMbsOnly: number; separateColourPlane: number };
  /**
   * How many frames may come before a picture in decode order and after it in display order: 0 for
   * Baseline (no B-frames), else the VUI's max_num_reorder_frames; undefined where the SPS does not say.
   */
  reorderDepth: number | undefined;
}

const CODE = 'E_H264_SPS_MALFORMED';
/** Baseline and Constrained Baseline: no B-frames, so pictures come in display order. */
const BASELINE_PROFILE = 66;
/** Profiles whose SPS carries chroma format, bit depth and scaling matrices (H.264 §7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

function hex2(value: number): string {
  return value.toString(16).padStart(2, '0');
}

function skipScalingList(reader: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + reader.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

/** Reads an H.264 SPS NAL unit (with its one-byte header). Throws InvalidError E_H264_SPS_MALFORMED. */
export function parseH264Sps(nal: Uint8Array): H264SpsInfo {
  if (nal.length < 4 || (nal[0]! & 0x1f) !== 7) throw new InvalidError(CODE, { details: { reason: 'not an SPS' } });
  const r = new BitReader(removeEmulationPrevention(nal.subarray(1)), CODE);
  const profileIdc = r.u(8);
  const constraintFlags = r.u(8);
  const levelIdc = r.u(8);
  r.ue(); // seq_parameter_set_id
  let chromaFormatIdc = 1;
  let separateColourPlane = 0;
  let bitDepthLuma = 8;
  if (HIGH_PROFILES.has(profileIdc)) {
    chromaFormatIdc = r.ue();
    if (chromaFormatIdc > 3) throw new InvalidError(CODE, { details: { reason: 'chroma_format_idc' } });
    if (chromaFormatIdc === 3) separateColourPlane = r.u1();
    bitDepthLuma = r.ue() + 8;
    r.ue(); // bit_depth_chroma_minus8
    r.u1(); // qpprime_y_zero_transform_bypass_flag
    if (r.u1()) {
      const lists = chromaFormatIdc === 3 ? 12 : 8;
      for (let i = 0; i < lists; i++) if (r.u1()) skipScalingList(r, i < 6 ? 16 : 64);
    }
  }
  const log2MaxFrameNum = r.ue() + 4;
  const pocType = r.ue();
  let log2MaxPocLsb = 0;
  if (pocType === 0) log2MaxPocLsb = r.ue() + 4;
  else if (pocType === 1) {
    r.u1();
    r.se();
    r.se();
    const cycle = r.ue();
    if (cycle > 255) throw new InvalidError(CODE, { details: { reason: 'num_ref_frames_in_pic_order_cnt_cycle' } });
    for (let i = 0; i < cycle; i++) r.se();
  }
  r.ue(); // max_num_ref_frames
  r.u1(); // gaps_in_frame_num_value_allowed_flag
  const widthMbs = r.ue() + 1;
  const heightMapUnits = r.ue() + 1;
  const frameMbsOnly = r.u1();
  if (!frameMbsOnly) r.u1(); // mb_adaptive_frame_field_flag
  r.u1(); // direct_8x8_inference_flag
  let crop = [0, 0, 0, 0];
  if (r.u1()) crop = [r.ue(), r.ue(), r.ue(), r.ue()];
  const chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
  const cropUnitX = chromaArrayType === 0 || chromaArrayType === 3 ? 1 : 2;
  const cropUnitY = (2 - frameMbsOnly) * (chromaArrayType === 1 ? 2 : 1);
  const width = widthMbs * 16 - cropUnitX * (crop[0]! + crop[1]!);
  const height = (2 - frameMbsOnly) * heightMapUnits * 16 - cropUnitY * (crop[2]! + crop[3]!);
  if (width <= 0 || height <= 0) throw new InvalidError(CODE, { details: { reason: 'cropping larger than the picture' } });
  const reorderDepth = profileIdc === BASELINE_PROFILE ? 0 : reorderFramesOfVui(r);
  return {
    profileIdc,
    constraintFlags,
    levelIdc,
    chromaFormatIdc,
    bitDepthLuma,
    width,
    height,
    codecString: `avc1.${hex2(profileIdc)}${hex2(constraintFlags)}${hex2(levelIdc)}`,
    slice: { log2MaxFrameNum, pocType, log2MaxPocLsb, frameMbsOnly, separateColourPlane },
    reorderDepth,
  };
}
