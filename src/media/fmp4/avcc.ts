/**
 * The AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1): profile, level and the parameter
 * sets, NAL lengths on 4 bytes. High profiles carry chroma format and bit depths read from the SPS.
 */
import { InvalidError } from '../../shared/errors.ts';
import type { ParameterSets } from '../types.ts';
import type { BoxWriter } from './boxes.ts';
import { BitReader } from '../bit-reader.ts';
import { removeEmulationPrevention } from '../rbsp.ts';

const BAD_SPS = 'E_MEDIA_BAD_PARAMETER_SET';

/** Profiles whose SPS carries chroma_format_idc and bit depths (H.264 7.3.2.1.1). */
const CHROMA_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);
/** Profiles whose avcC carries the extension fields (14496-15; 244 is what 144 became). */
const EXTENDED_RECORD_PROFILES = new Set([100, 110, 122, 144, 244]);

interface AvcSpsFields {
  profileIdc: number;
  constraintFlags: number;
  levelIdc: number;
  chromaFormatIdc: number;
  bitDepthLumaMinus8: number;
  bitDepthChromaMinus8: number;
}

export function readAvcSpsFields(sps: Uint8Array): AvcSpsFields {
  if (sps.length < 4) throw new InvalidError(BAD_SPS, { details: { reason: 'H.264 SPS too short' } });
  const fields = { profileIdc: sps[1]!, constraintFlags: sps[2]!, levelIdc: sps[3]!, chromaFormatIdc: 1, bitDepthLumaMinus8: 0, bitDepthChromaMinus8: 0 };
  if (!CHROMA_PROFILES.has(fields.profileIdc)) return fields;
  const r = new BitReader(removeEmulationPrevention(sps.subarray(4)), BAD_SPS);
  r.ue(); // seq_parameter_set_id
  fields.chromaFormatIdc = r.ue();
  if (fields.chromaFormatIdc === 3) r.skip(1); // separate_colour_plane_flag
  fields.bitDepthLumaMinus8 = r.ue();
  fields.bitDepthChromaMinus8 = r.ue();
  return fields;
}

function firstSps(sets: ParameterSets): Buffer {
  const sps = sets.sps[0];
  if (!sps || sets.pps.length === 0) throw new InvalidError('E_MEDIA_NO_PARAMETER_SETS', { details: { codec: 'h264' } });
  return sps;
}

export function avccSize(sets: ParameterSets): number {
  const sps = firstSps(sets);
  let size = 8 + 7;
  for (const p of sets.sps) size += 2 + p.length;
  for (const p of sets.pps) size += 2 + p.length;
  if (EXTENDED_RECORD_PROFILES.has(sps[1]!)) size += 4;
  return size;
}

export function writeAvcc(w: BoxWriter, sets: ParameterSets): void {
  const f = readAvcSpsFields(firstSps(sets));
  const start = w.box('avcC');
  w.u8(1); // configurationVersion
  w.u8(f.profileIdc);
  w.u8(f.constraintFlags);
  w.u8(f.levelIdc);
  w.u8(0xff); // reserved '111111' + lengthSizeMinusOne = 3
  w.u8(0xe0 | sets.sps.length);
  for (const p of sets.sps) {
    w.u16(p.length);
    w.bytes(p);
  }
  w.u8(sets.pps.length);
  for (const p of sets.pps) {
    w.u16(p.length);
    w.bytes(p);
  }
  if (EXTENDED_RECORD_PROFILES.has(f.profileIdc)) {
    w.u8(0xfc | (f.chromaFormatIdc & 3));
    w.u8(0xf8 | (f.bitDepthLumaMinus8 & 7));
    w.u8(0xf8 | (f.bitDepthChromaMinus8 & 7));
    w.u8(0); // numOfSequenceParameterSetExt
  }
  w.end(start);
}
