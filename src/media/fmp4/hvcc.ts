/**
 * The HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3.1): the general profile, tier and level
 * fields copied from the SPS's profile_tier_level, chroma format and bit depths, and one array each
 * for the VPS, SPS and PPS. NAL lengths on 4 bytes.
 */
import { InvalidError } from '../../shared/errors.ts';
import type { ParameterSets } from '../types.ts';
import type { BoxWriter } from './boxes.ts';
import { BitReader } from '../bit-reader.ts';
import { removeEmulationPrevention } from '../rbsp.ts';

const BAD_SPS = 'E_MEDIA_BAD_PARAMETER_SET';

const VPS_NUT = 32;
const SPS_NUT = 33;
const PPS_NUT = 34;

export interface HevcSpsFields {
  maxSubLayersMinus1: number;
  temporalIdNesting: number;
  /** general_profile_space(2) general_tier_flag(1) general_profile_idc(5), as one byte. */
  profileByte: number;
  profileCompatibilityFlags: number;
  /** The 48 general constraint indicator bits. */
  constraintFlags: Uint8Array;
  levelIdc: number;
  chromaFormatIdc: number;
  bitDepthLumaMinus8: number;
  bitDepthChromaMinus8: number;
}

/** Reads the fields the hvcC needs from an H.265 SPS NAL unit (2-byte header included). */
export function readHevcSpsFields(sps: Uint8Array): HevcSpsFields {
  const rbsp = removeEmulationPrevention(sps.subarray(2));
  if (rbsp.length < 13) throw new InvalidError(BAD_SPS, { details: { reason: 'H.265 SPS too short' } });
  const r = new BitReader(rbsp, BAD_SPS);
  r.skip(4); // sps_video_parameter_set_id
  const maxSubLayersMinus1 = r.u(3);
  const temporalIdNesting = r.u(1);
  // profile_tier_level(1, maxSubLayersMinus1): the general part is byte-aligned from byte 1.
  const profileByte = rbsp[1]!;
  const profileCompatibilityFlags = ((rbsp[2]! << 24) | (rbsp[3]! << 16) | (rbsp[4]! << 8) | rbsp[5]!) >>> 0;
  const constraintFlags = rbsp.slice(6, 12);
  const levelIdc = rbsp[12]!;
  r.skip(8 * 12);
  const profilePresent: number[] = [];
  const levelPresent: number[] = [];
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    profilePresent.push(r.u(1));
    levelPresent.push(r.u(1));
  }
  if (maxSubLayersMinus1 > 0) r.skip(2 * (8 - maxSubLayersMinus1));
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    if (profilePresent[i]) r.skip(88);
    if (levelPresent[i]) r.skip(8);
  }
  r.ue(); // sps_seq_parameter_set_id
  const chromaFormatIdc = r.ue();
  if (chromaFormatIdc === 3) r.skip(1); // separate_colour_plane_flag
  r.ue(); // pic_width_in_luma_samples
  r.ue(); // pic_height_in_luma_samples
  if (r.u(1)) for (let i = 0; i < 4; i++) r.ue(); // conformance window offsets
  const bitDepthLumaMinus8 = r.ue();
  const bitDepthChromaMinus8 = r.ue();
  return { maxSubLayersMinus1, temporalIdNesting, profileByte, profileCompatibilityFlags, constraintFlags, levelIdc, chromaFormatIdc, bitDepthLumaMinus8, bitDepthChromaMinus8 };
}

function arrays(sets: ParameterSets): [number, Buffer[]][] {
  const sps = sets.sps[0];
  if (!sets.vps?.length || !sps || sets.pps.length === 0) throw new InvalidError('E_MEDIA_NO_PARAMETER_SETS', { details: { codec: 'h265' } });
  return [
    [VPS_NUT, sets.vps],
    [SPS_NUT, sets.sps],
    [PPS_NUT, sets.pps],
  ];
}

export function hvccSize(sets: ParameterSets): number {
  let size = 8 + 23;
  for (const [, nalus] of arrays(sets)) {
    size += 3;
    for (const n of nalus) size += 2 + n.length;
  }
  return size;
}

export function writeHvcc(w: BoxWriter, sets: ParameterSets): void {
  const list = arrays(sets);
  const f = readHevcSpsFields(sets.sps[0]!);
  const start = w.box('hvcC');
  w.u8(1); // configurationVersion
  w.u8(f.profileByte);
  w.u32(f.profileCompatibilityFlags);
  w.bytes(f.constraintFlags);
  w.u8(f.levelIdc);
  w.u16(0xf000); // reserved '1111' + min_spatial_segmentation_idc 0
  w.u8(0xfc); // reserved + parallelismType 0 (unknown)
  w.u8(0xfc | (f.chromaFormatIdc & 3));
  w.u8(0xf8 | (f.bitDepthLumaMinus8 & 7));
  w.u8(0xf8 | (f.bitDepthChromaMinus8 & 7));
  w.u16(0); // avgFrameRate: unspecified
  // constantFrameRate 0, numTemporalLayers, temporalIdNested, lengthSizeMinusOne 3
  w.u8((((f.maxSubLayersMinus1 + 1) & 7) << 3) | (f.temporalIdNesting << 2) | 3);
  w.u8(list.length);
  for (const [type, nalus] of list) {
    w.u8(0x80 | type); // array_completeness: the sets are all here
    w.u16(nalus.length);
    for (const n of nalus) {
      w.u16(n.length);
      w.bytes(n);
    }
  }
  w.end(start);
}
