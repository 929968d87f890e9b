/**
 * Reads a stream of fMP4 boxes (init, prft, moof+mdat …) into what a live-stream test checks: each
 * fragment's mfhd sequence number, tfdt decode time, trun sample durations and first-sample flags.
 */
export type Walked =
  | { kind: 'init' }
  | { kind: 'prft' }
  | { kind: 'fragment'; sequence: number; decodeTime: number; duration: number; samples: number; keyframe: boolean };

const typeAt = (b: Buffer, at: number) => b.toString('latin1', at + 4, at + 8);

function child(b: Buffer, from: number, to: number, type: string): number {
  for (let at = from; at + 8 <= to; at += b.readUInt32BE(at)) if (typeAt(b, at) === type) return at;
  return -1;
}

function moofOf(b: Buffer, at: number): Extract<Walked, { kind: 'fragment' }> {
  const end = at + b.readUInt32BE(at);
  const mfhd = child(b, at + 8, end, 'mfhd');
  const traf = child(b, at + 8, end, 'traf');
  const trafEnd = traf + b.readUInt32BE(traf);
  const tfdt = child(b, traf + 8, trafEnd, 'tfdt');
  const trun = child(b, traf + 8, trafEnd, 'trun');
  const version = b[tfdt + 8]!;
  const decodeTime = version === 1 ? Number(b.readBigUInt64BE(tfdt + 12)) : b.readUInt32BE(tfdt + 12);
  const flags = b.readUInt32BE(trun + 8) & 0xffffff;
  const count = b.readUInt32BE(trun + 12);
  let p = trun + 16;
  if (flags & 0x1) p += 4;
  if (flags & 0x4) p += 4;
  let duration = 0;
  let firstFlags = 0;
  for (let i = 0; i < count; i++) {
    if (flags & 0x100) duration += b.readUInt32BE((p += 4) - 4);
    if (flags & 0x200) p += 4;
    if (flags & 0x400) {
      if (i === 0) firstFlags = b.readUInt32BE(p);
      p += 4;
    }
    if (flags & 0x800) p += 4;
  }
  return { kind: 'fragment', sequence: b.readUInt32BE(mfhd + 12), decodeTime, duration, samples: count, keyframe: (firstFlags & 0x10000) === 0 };
}

/** Complete top-level boxes of `b`; returns them and the offset where an incomplete one starts. */
export function walk(b: Buffer): { pieces: Walked[]; rest: number } {
  const pieces: Walked[] = [];
  let at = 0;
  while (at + 8 <= b.length) {
    const size = b.readUInt32BE(at);
    if (size < 8 || at + size > b.length) break;
    const type = typeAt(b, at);
    if (type === 'moov') pieces.push({ kind: 'init' });
    else if (type === 'prft') pieces.push({ kind: 'prft' });
    else if (type === 'moof') pieces.push(moofOf(b, at));
    at += size;
  }
  return { pieces, rest: at };
}

/**
 * Every break in a live stream: within a segment (from one init to the next) sequence numbers go up by
 * one and each fragment starts where the previous one ended. Empty: contiguous.
 */
export function breaks(pieces: readonly Walked[]): string[] {
  const problems: string[] = [];
  let last: Extract<Walked, { kind: 'fragment' }> | undefined;
  for (const p of pieces) {
    if (p.kind === 'init') last = undefined;
    if (p.kind !== 'fragment') continue;
    if (last && p.sequence !== last.sequence + 1) problems.push(`sequence ${last.sequence} → ${p.sequence}`);
    if (last && p.decodeTime !== last.decodeTime + last.duration) problems.push(`decode time ${last.decodeTime}+${last.duration} → ${p.decodeTime}`);
    last = p;
  }
  return problems;
}
