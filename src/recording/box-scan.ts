/**
 * An ISO BMFF box scanner for recovery: boxes within any range (recovery also reads inside moov and
 * moof), the init segment's end and every complete moof+mdat pair. src/media/fmp4/parse.ts has a
 * top-level-only scanner and lastCompleteFragmentEnd; this one adds ranges, the pairs and a check
 * that box types are printable, and agrees with it on where the last fragment ends (tested).
 * Nothing here throws on malformed input: it stops.
 */

export interface Box {
  type: string;
  start: number;
  /** Header length: 8, or 16 with a 64-bit size. */
  headerSize: number;
  end: number;
}

/** Four printable ASCII characters, as every registered box type is. */
function readType(buf: Buffer, at: number): string | null {
  for (let i = at; i < at + 4; i++) {
    const c = buf[i] as number;
    if (c < 0x20 || c > 0x7e) return null;
  }
  return buf.toString('latin1', at, at + 4);
}

/** The box starting at `at`, or null when it is incomplete or malformed (size 0, "to the end", counts as incomplete). */
export function readBox(buf: Buffer, at: number, limit = buf.length): Box | null {
  if (at < 0 || at + 8 > limit) return null;
  const size32 = buf.readUInt32BE(at);
  const type = readType(buf, at + 4);
  if (type === null) return null;
  let size = size32;
  let headerSize = 8;
  if (size32 === 1) {
    if (at + 16 > limit) return null;
    const big = buf.readBigUInt64BE(at + 8);
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) return null;
    size = Number(big);
    headerSize = 16;
  }
  if (size < headerSize || at + size > limit) return null;
  return { type, start: at, headerSize, end: at + size };
}

/** The complete boxes from `from` to `to`, stopping at the first incomplete or malformed one. */
export function scanBoxes(buf: Buffer, from = 0, to = buf.length): Box[] {
  const boxes: Box[] = [];
  let at = from;
  for (let box = readBox(buf, at, to); box; box = readBox(buf, at, to)) {
    boxes.push(box);
    at = box.end;
  }
  return boxes;
}

export interface FragmentLayout {
  /** End of the init segment (ftyp … moov), or 0 when there is no complete moov. */
  initEnd: number;
  /** Complete moof+mdat pairs after the init segment, in order. */
  pairs: { moof: Box; end: number }[];
  fragments: number;
  /** End of the last complete pair (initEnd when there is none). */
  end: number;
}

/** Boxes that may sit between fragments without being part of one (segment type, index, producer time, padding). */
const BETWEEN = new Set(['styp', 'sidx', 'prft', 'free', 'skip', 'emsg']);

export function fragmentLayout(buf: Buffer): FragmentLayout {
  const boxes = scanBoxes(buf);
  const moov = boxes.findIndex((b) => b.type === 'moov');
  if (moov < 0 || boxes.slice(0, moov).some((b) => b.type === 'moof' || b.type === 'mdat')) return { initEnd: 0, pairs: [], fragments: 0, end: 0 };
  const initEnd = (boxes[moov] as Box).end;
  const pairs: FragmentLayout['pairs'] = [];
  let end = initEnd;
  let moof: Box | null = null;
  for (const box of boxes.slice(moov + 1)) {
    if (box.type === 'moof' && moof === null) moof = box;
    else if (box.type === 'mdat' && moof !== null) {
      pairs.push({ moof, end: box.end });
      end = box.end;
      moof = null;
    } else if (moof !== null || !BETWEEN.has(box.type)) break;
  }
  return { initEnd, pairs, fragments: pairs.length, end };
}
