import type { AccessUnit } from '../media/types.ts';

/** NAL types that belong in the sample entry (avcC/hvcC), not in samples: parameter sets and delimiters. */
const H264_OUT_OF_SAMPLE = new Set([7, 8, 9]);
const H265_OUT_OF_SAMPLE = new Set([32, 33, 34, 35]);

/**
 * The access unit as one fMP4 sample: its NAL units with 4-byte lengths, parameter sets left out.
 * When the NAL units that belong in the sample already lie back to back behind their lengths (as the
 * depacketizer's arena keeps them), the sample is a view over them, without a copy.
 */
export function sampleDataOf(au: AccessUnit): Buffer {
  const skip = au.codec === 'h264' ? H264_OUT_OF_SAMPLE : H265_OUT_OF_SAMPLE;
  const view = inPlace(au, skip);
  if (view) return view;
  let total = 0;
  for (const nal of au.nalus) if (!skip.has(nalType(au, nal))) total += 4 + nal.length;
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const nal of au.nalus) {
    if (skip.has(nalType(au, nal))) continue;
    out.writeUInt32BE(nal.length, offset);
    nal.copy(out, offset + 4);
    offset += 4 + nal.length;
  }
  return out;
}

/** The in-sample NAL units as one view, when they are contiguous and each is preceded by its length. */
function inPlace(au: AccessUnit, skip: Set<number>): Buffer | undefined {
  let first: Buffer | undefined;
  let end = 0;
  for (const nal of au.nalus) {
    if (skip.has(nalType(au, nal))) {
      if (first) return undefined; // something left out between two that stay: copy
      continue;
    }
    if (nal.byteOffset < 4) return undefined;
    if (first) {
      if (nal.buffer !== first.buffer || nal.byteOffset !== end + 4) return undefined;
    } else {
      first = nal;
    }
    const at = nal.byteOffset - 4;
    const bytes = new Uint8Array(nal.buffer, at, 4);
    if (((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0 !== nal.length) return undefined;
    end = nal.byteOffset + nal.length;
  }
  if (!first) return Buffer.alloc(0);
  return Buffer.from(first.buffer, first.byteOffset - 4, end - first.byteOffset + 4);
}

function nalType(au: AccessUnit, nal: Buffer): number {
  const header = nal[0] ?? 0;
  return au.codec === 'h264' ? header & 0x1f : (header >> 1) & 0x3f;
}
