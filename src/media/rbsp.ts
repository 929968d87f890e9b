/**
 * NAL unit payload → RBSP: drops the emulation_prevention_three_byte of every 00 00 03
 * (H.264 §7.4.1, H.265 §7.4.2). Returns the input itself when there is none.
 */
export function removeEmulationPrevention(nal: Uint8Array): Uint8Array {
  const length = nal.length;
  let first = -1;
  for (let i = 2; i < length; i++) {
    if (nal[i] === 3 && nal[i - 1] === 0 && nal[i - 2] === 0) {
      first = i;
      break;
    }
  }
  if (first === -1) return nal;
  const out = new Uint8Array(length);
  out.set(nal.subarray(0, first));
  let o = first;
  let zeros = 0;
  for (let i = first + 1; i < length; i++) {
    const byte = nal[i]!;
    if (byte === 3 && zeros >= 2) {
      zeros = 0;
      continue;
    }
    zeros = byte === 0 ? zeros + 1 : 0;
    out[o++] = byte;
  }
  return out.subarray(0, o);
}
