import type { AccessUnit } from '../media/types.ts';

/** NAL types that belong in the sample entry (avcC/hvcC), not in samples: parameter sets and delimiters. */
const H264_OUT_OF_SAMPLE = new Set([7, 8, 9]);
const H265_OUT_OF_SAMPLE = new Set([32, 33, 34, 35]);

/** The access unit as one fMP4 sample: its NAL units with 4-byte lengths, parameter sets left out. */
export function sampleDataOf(au: AccessUnit): Buffer {
  const skip = au.codec === 'h264' ? H264_OUT_OF_SAMPLE : H265_OUT_OF_SAMPLE;
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

function nalType(au: AccessUnit, nal: Buffer): number {
  const header = nal[0] ?? 0;
  return au.codec === 'h264' ? header & 0x1f : (header >> 1) & 0x3f;
}
