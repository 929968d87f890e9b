/**
 * When each picture of a clip is shown, from the picture order count in its slice header (H.264
 * §8.2.1.1 for pic_order_cnt_type 0, H.265 §8.3.1): a clip with B-frames holds its pictures in decode
 * order, and a camera stamps each with its presentation time. Groups are taken as closed (every
 * picture of a group is shown after the keyframe that opens it and before the next one), as x264 and
 * x265 write them with open-gop off.
 */
import { BitReader } from '../bit-reader.ts';
import { parseH264Sps } from '../h264/sps.ts';
import { parseH265Sps } from '../h265/sps.ts';
import { removeEmulationPrevention } from '../rbsp.ts';
import type { ParameterSets, VideoCodec } from '../types.ts';
import { nalRole, nalType } from './nal-units.ts';

const CODE = 'E_SIMULATOR_CLIP_SLICE';

/**
 * For each picture (decode order), how many frame intervals later (or earlier) it is shown than it is
 * decoded; all 0 where the parameter sets or slice headers cannot tell (shown in decode order).
 */
export function displayOffsets(codec: VideoCodec, parameterSets: ParameterSets, pictures: { nalus: Buffer[]; keyframe: boolean }[]): number[] {
  try {
    return offsetsOf(codec, parameterSets, pictures);
  } catch {
    return pictures.map(() => 0);
  }
}

function offsetsOf(codec: VideoCodec, parameterSets: ParameterSets, pictures: { nalus: Buffer[]; keyframe: boolean }[]): number[] {
  const read = pocReader(codec, parameterSets);
  if (!read) return pictures.map(() => 0);
  const pocs: number[] = [];
  let prev = { msb: 0, lsb: 0 };
  for (const picture of pictures) {
    const slice = picture.nalus.find((n) => nalRole(codec, n) === 'vcl');
    const field = slice ? read.lsb(slice) : undefined;
    if (!slice || !field) return pictures.map(() => 0);
    if (picture.keyframe && field.reset) prev = { msb: 0, lsb: 0 };
    const half = 2 ** (read.bits - 1);
    let msb = prev.msb;
    if (field.lsb < prev.lsb && prev.lsb - field.lsb >= half) msb += 2 * half;
    else if (field.lsb > prev.lsb && field.lsb - prev.lsb > half) msb -= 2 * half;
    pocs.push(msb + field.lsb);
    if (field.reference) prev = { msb, lsb: field.lsb };
  }
  const offsets = new Array<number>(pictures.length).fill(0);
  let start = 0;
  while (start < pictures.length) {
    let end = start + 1;
    while (end < pictures.length && !pictures[end]?.keyframe) end++;
    const order = Array.from({ length: end - start }, (_, i) => start + i).sort((a, b) => (pocs[a] as number) - (pocs[b] as number));
    order.forEach((decodeIndex, rank) => {
      offsets[decodeIndex] = start + rank - decodeIndex;
    });
    start = end;
  }
  return offsets;
}

interface PocField {
  lsb: number;
  /** An IDR picture: the count starts again. */
  reset: boolean;
  /** The count of later pictures is taken relative to this one. */
  reference: boolean;
}

function pocReader(codec: VideoCodec, sets: ParameterSets): { bits: number; lsb: (slice: Buffer) => PocField } | undefined {
  const sps = sets.sps[0];
  const pps = sets.pps[0];
  if (!sps || !pps) return undefined;
  if (codec === 'h264') {
    const s = parseH264Sps(sps).slice;
    if (s.pocType !== 0) return undefined; // type 2: shown in decode order
    return {
      bits: s.log2MaxPocLsb,
      lsb: (nal) => {
        const r = new BitReader(removeEmulationPrevention(nal.subarray(1, 32)), CODE);
        r.ue(); // first_mb_in_slice
        r.ue(); // slice_type
        r.ue(); // pic_parameter_set_id
        if (s.separateColourPlane) r.skip(2);
        r.skip(s.log2MaxFrameNum); // frame_num
        if (!s.frameMbsOnly && r.u1()) r.skip(1); // field_pic_flag, bottom_field_flag
        const idr = nalType(codec, nal) === 5;
        if (idr) r.ue(); // idr_pic_id
        return { lsb: r.u(s.log2MaxPocLsb), reset: idr, reference: ((nal[0] as number) & 0x60) !== 0 };
      },
    };
  }
  const s = parseH265Sps(sps).slice;
  if (s.log2MaxPocLsb === 0) return undefined;
  const p = new BitReader(removeEmulationPrevention(pps.subarray(2, 16)), CODE);
  p.ue(); // pps_pic_parameter_set_id
  p.ue(); // pps_seq_parameter_set_id
  const dependentSlices = p.u1();
  const outputFlagPresent = p.u1();
  const extraBits = p.u(3);
  return {
    bits: s.log2MaxPocLsb,
    lsb: (nal) => {
      const type = nalType(codec, nal);
      const idr = type === 19 || type === 20;
      const r = new BitReader(removeEmulationPrevention(nal.subarray(2, 32)), CODE);
      const first = r.u1(); // first_slice_segment_in_pic_flag (the picture's first slice is read)
      if (type >= 16 && type <= 23) r.skip(1); // no_output_of_prior_pics_flag
      r.ue(); // slice_pic_parameter_set_id
      if (!first && dependentSlices) r.skip(1);
      r.skip(extraBits); // slice_reserved_flag
      r.ue(); // slice_type
      if (outputFlagPresent) r.skip(1);
      if (s.separateColourPlane) r.skip(2);
      // Sub-layer non-reference pictures (TRAIL_N, RASL_N, ...: even types below 16) do not anchor the count.
      return { lsb: idr ? 0 : r.u(s.log2MaxPocLsb), reset: idr, reference: !(type < 16 && type % 2 === 0) };
    },
  };
}
