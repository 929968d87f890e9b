import { h264StartsAccessUnit, isH264Vcl } from './h264/nal.ts';
import { h265StartsAccessUnit, isH265Vcl } from './h265/nal.ts';
import type { VideoCodec } from './types.ts';

/** Splits an Annex B byte stream at its start codes (00 00 01 or 00 00 00 01). NAL units are views, without trailing zero bytes. */
export function splitAnnexB(stream: Buffer): Buffer[] {
  const nalus: Buffer[] = [];
  const length = stream.length;
  let start = -1;
  let i = 0;
  while (i + 2 < length) {
    if (stream[i + 2]! > 1) i += 3;
    else if (stream[i] === 0 && stream[i + 1] === 0 && stream[i + 2] === 1) {
      if (start >= 0) pushTrimmed(nalus, stream, start, i);
      i += 3;
      start = i;
    } else i++;
  }
  if (start >= 0) pushTrimmed(nalus, stream, start, length);
  return nalus;
}

function pushTrimmed(nalus: Buffer[], stream: Buffer, start: number, end: number): void {
  while (end > start && stream[end - 1] === 0) end--;
  if (end > start) nalus.push(stream.subarray(start, end));
}

/** Groups NAL units into access units (H.264 §7.4.1.2.3, H.265 §7.4.2.4.4): a new one begins at the first AU-starting NAL unit after a slice. */
export function groupAccessUnits(nalus: readonly Buffer[], codec: VideoCodec): Buffer[][] {
  const units: Buffer[][] = [];
  let current: Buffer[] = [];
  let sawSlice = false;
  for (const nal of nalus) {
    let type: number;
    let starts: boolean;
    let vcl: boolean;
    if (codec === 'h264') {
      type = nal[0]! & 0x1f;
      starts = h264StartsAccessUnit(type, nal[1] ?? 0);
      vcl = isH264Vcl(type);
    } else {
      type = (nal[0]! >>> 1) & 0x3f;
      starts = h265StartsAccessUnit(type, nal[2] ?? 0);
      vcl = isH265Vcl(type);
    }
    if (starts && sawSlice) {
      units.push(current);
      current = [];
      sawSlice = false;
    }
    current.push(nal);
    if (vcl) sawSlice = true;
  }
  if (current.length > 0) units.push(current);
  return units;
}

/** NAL units with 4-byte big-endian lengths (AVCC/HVCC sample data), in one buffer. */
export function toLengthPrefixed(nalus: readonly Buffer[]): Buffer {
  let total = 0;
  for (const nal of nalus) total += 4 + nal.length;
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const nal of nalus) {
    out.writeUInt32BE(nal.length, offset);
    nal.copy(out, offset + 4);
    offset += 4 + nal.length;
  }
  return out;
}
