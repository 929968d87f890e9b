/**
 * Test-only: an SPS as ffmpeg's trace_headers bitstream filter reads it, field by field, and SPS bytes
 * cut and ended at a field's bit position, for parameter sets that real encoders do not write.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { removeEmulationPrevention } from '../../../src/media/rbsp.ts';

const run = promisify(execFile);

export interface TracedField {
  /** Bit position in the NAL unit, its header counted, after emulation prevention bytes are dropped. */
  position: number;
  value: number;
}

/** The first parameter sets of a raw Annex B clip, each field's first occurrence (an SPS field before a later SPS's). */
export async function traceHeaders(file: string): Promise<Map<string, TracedField>> {
  const { stderr } = await run('ffmpeg', ['-v', 'trace', '-i', file, '-frames:v', '1', '-c', 'copy', '-bsf:v', 'trace_headers', '-f', 'null', '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const fields = new Map<string, TracedField>();
  for (const line of stderr.split('\n')) {
    const match = /\[trace_headers @ [^\]]+\] (\d+)\s+(\S+)\s+[01]+ = (-?\d+)$/.exec(line);
    if (match && !fields.has(match[2]!)) fields.set(match[2]!, { position: Number(match[1]), value: Number(match[3]) });
  }
  return fields;
}

/**
 * The NAL unit's first `bits` bits (header counted), then `tail` ('0'/'1' characters), the RBSP stop bit and
 * zero bits to the byte, with emulation prevention bytes put back: e.g. an SPS whose VUI flag is cleared.
 */
export function cutAt(nal: Buffer, bits: number, tail: string): Buffer {
  const rbsp = removeEmulationPrevention(nal);
  let text = '';
  for (let i = 0; i < bits; i++) text += (rbsp[i >>> 3]! >>> (7 - (i & 7))) & 1;
  text += `${tail}1`;
  text = text.padEnd(Math.ceil(text.length / 8) * 8, '0');
  const out: number[] = [];
  let zeros = 0;
  for (let i = 0; i < text.length; i += 8) {
    const byte = parseInt(text.slice(i, i + 8), 2);
    if (zeros >= 2 && byte <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Buffer.from(out);
}
