/**
 * A small Annex B reader for the simulator's clips: start-code splitting and the few NAL header
 * fields that access-unit boundaries and keyframes depend on (H.264 §7.4.1.2.3, H.265 §7.4.2.4.4).
 */
import type { VideoCodec } from '../types.ts';

/** NAL units of an Annex B byte stream, as views into `data` (start codes and trailing zeros removed). */
export function splitAnnexB(data: Buffer): Buffer[] {
  const units: Buffer[] = [];
  let start = -1;
  let i = 0;
  while (i + 2 < data.length) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      if (start >= 0) units.push(trimZeros(data, start, i));
      i += 3;
      start = i;
    } else {
      i++;
    }
  }
  if (start >= 0 && start < data.length) units.push(trimZeros(data, start, data.length));
  return units.filter((u) => u.length > 0);
}

function trimZeros(data: Buffer, start: number, end: number): Buffer {
  while (end > start && data[end - 1] === 0) end--;
  return data.subarray(start, end);
}

export function nalType(codec: VideoCodec, nal: Buffer): number {
  const first = nal[0] ?? 0;
  return codec === 'h264' ? first & 0x1f : (first >> 1) & 0x3f;
}

export type NalRole = 'vps' | 'sps' | 'pps' | 'aud' | 'prefix' | 'vcl' | 'other';

export function nalRole(codec: VideoCodec, nal: Buffer): NalRole {
  const type = nalType(codec, nal);
  if (codec === 'h264') {
    if (type === 7) return 'sps';
    if (type === 8) return 'pps';
    if (type === 9) return 'aud';
    if (type === 6 || (type >= 14 && type <= 18)) return 'prefix';
    if (type >= 1 && type <= 5) return 'vcl';
    return 'other';
  }
  if (type === 32) return 'vps';
  if (type === 33) return 'sps';
  if (type === 34) return 'pps';
  if (type === 35) return 'aud';
  if (type === 39 || (type >= 41 && type <= 44) || (type >= 48 && type <= 55)) return 'prefix';
  if (type <= 31) return 'vcl';
  return 'other';
}

/** An IDR picture (H.264) or an IRAP picture (H.265, types 16–23). */
export function isKeyframeNal(codec: VideoCodec, nal: Buffer): boolean {
  const type = nalType(codec, nal);
  return codec === 'h264' ? type === 5 : type >= 16 && type <= 23;
}

/** The first slice of a picture: first_mb_in_slice = 0 (ue(v) "1") or first_slice_segment_in_pic_flag = 1. */
export function startsPicture(codec: VideoCodec, nal: Buffer): boolean {
  const byte = codec === 'h264' ? nal[1] : nal[2];
  return ((byte ?? 0) & 0x80) !== 0;
}
