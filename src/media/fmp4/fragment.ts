/**
 * One movie fragment: moof (mfhd, traf: tfhd default-base-is-moof, tfdt v1, trun) + mdat.
 * Sizes are computed first, the buffer allocated once, and each sample's bytes copied once.
 */
import { InvalidError } from '../../shared/errors.ts';
import type { Sample } from '../types.ts';
import { BoxWriter } from './boxes.ts';
import { TRACK_ID } from './init-segment.ts';

const TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
const TRUN_DATA_OFFSET = 0x000001;
const TRUN_DURATION = 0x000100;
const TRUN_SIZE = 0x000200;
const TRUN_FLAGS = 0x000400;
const TRUN_COMPOSITION_OFFSET = 0x000800;

/** sample_depends_on = 2 (an I picture), a sync sample. */
export const SYNC_SAMPLE_FLAGS = 0x02000000;
/** sample_depends_on = 1, sample_is_non_sync_sample = 1. */
export const NON_SYNC_SAMPLE_FLAGS = 0x01010000;

const MFHD_SIZE = 16;
const TFHD_SIZE = 16;
const TFDT_SIZE = 20;
const TRUN_HEADER_SIZE = 20; // full box header, sample_count, data_offset
const MDAT_HEADER_SIZE = 8;
const MAX_BOX_SIZE = 0xffffffff;

export function createFragment(sequenceNumber: number, baseMediaDecodeTime: number, samples: Sample[]): Buffer {
  const w = writeHeader(sequenceNumber, baseMediaDecodeTime, samples, true);
  for (const s of samples) w.bytes(s.data);
  return w.buf;
}

/**
 * The same fragment as pieces to write one after the other (a vectored write): the moof and the
 * mdat header in one new buffer, then the samples' own bytes, uncopied, neighbours that lie back to
 * back in memory joined into one view.
 */
export function createFragmentParts(sequenceNumber: number, baseMediaDecodeTime: number, samples: Sample[]): Buffer[] {
  const w = writeHeader(sequenceNumber, baseMediaDecodeTime, samples, false);
  const parts: Buffer[] = [w.buf];
  let run: Buffer | undefined;
  for (const s of samples) {
    const data = s.data;
    if (data.length === 0) continue;
    if (run && run.buffer === data.buffer && run.byteOffset + run.length === data.byteOffset) {
      run = Buffer.from(run.buffer, run.byteOffset, run.length + data.length);
    } else {
      if (run) parts.push(run);
      run = data;
    }
  }
  if (run) parts.push(run);
  return parts;
}

/** Writes moof and the mdat header into a new buffer, with room after them for the payload or not. */
function writeHeader(sequenceNumber: number, baseMediaDecodeTime: number, samples: Sample[], withPayload: boolean): BoxWriter {
  let payload = 0;
  let withOffsets = false;
  let negativeOffsets = false;
  for (const s of samples) {
    payload += s.data.length;
    if (s.compositionOffset !== 0) withOffsets = true;
    if (s.compositionOffset < 0) negativeOffsets = true;
  }
  const perSample = withOffsets ? 16 : 12;
  const trunSize = TRUN_HEADER_SIZE + perSample * samples.length;
  const trafSize = 8 + TFHD_SIZE + TFDT_SIZE + trunSize;
  const moofSize = 8 + MFHD_SIZE + trafSize;
  const mdatSize = MDAT_HEADER_SIZE + payload;
  if (mdatSize > MAX_BOX_SIZE) throw new InvalidError('E_MEDIA_FRAGMENT_TOO_LARGE', { details: { bytes: mdatSize } });

  const w = new BoxWriter(Buffer.allocUnsafe(moofSize + (withPayload ? mdatSize : MDAT_HEADER_SIZE)));
  w.u32(moofSize);
  w.fourcc('moof');
  w.u32(MFHD_SIZE);
  w.fourcc('mfhd');
  w.u32(0);
  w.u32(sequenceNumber);

  w.u32(trafSize);
  w.fourcc('traf');
  w.u32(TFHD_SIZE);
  w.fourcc('tfhd');
  w.u32(TFHD_DEFAULT_BASE_IS_MOOF);
  w.u32(TRACK_ID);
  w.u32(TFDT_SIZE);
  w.fourcc('tfdt');
  w.u32(0x01000000); // version 1, flags 0
  w.u64(baseMediaDecodeTime);

  const flags = TRUN_DATA_OFFSET | TRUN_DURATION | TRUN_SIZE | TRUN_FLAGS | (withOffsets ? TRUN_COMPOSITION_OFFSET : 0);
  w.u32(trunSize);
  w.fourcc('trun');
  w.u32(((negativeOffsets ? 1 : 0) << 24) | flags); // version 1 makes the offsets signed
  w.u32(samples.length);
  w.u32(moofSize + MDAT_HEADER_SIZE); // data_offset from the start of moof
  for (const s of samples) {
    w.u32(s.duration);
    w.u32(s.data.length);
    w.u32(s.keyframe ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS);
    if (withOffsets) w.i32(s.compositionOffset);
  }

  w.u32(mdatSize);
  w.fourcc('mdat');
  return w;
}
