/**
 * Reading the top level of an ISO BMFF file that may have been cut short (a kill -9 mid-write):
 * the complete boxes in order, and where the last complete fragment (moof + mdat) ends, which is
 * where a crashed segment can be truncated and still play.
 */

export interface BoxInfo {
  /** Four characters, latin1. */
  type: string;
  offset: number;
  /** Whole box, header included. */
  size: number;
}

const TWO_32 = 0x1_0000_0000;

/**
 * The complete top-level boxes from the start of `buf`, stopping at the first box that is cut
 * short or cannot be a box (size below its header, or size 0 "to end of file", which an
 * interrupted writer could leave and so proves nothing). Never throws.
 */
export function scanBoxes(buf: Uint8Array): BoxInfo[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const boxes: BoxInfo[] = [];
  let offset = 0;
  while (offset + 8 <= buf.length) {
    let size = view.getUint32(offset);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > buf.length) break;
      size = view.getUint32(offset + 8) * TWO_32 + view.getUint32(offset + 12);
      header = 16;
    }
    if (size < header || offset + size > buf.length) break;
    const type = String.fromCharCode(buf[offset + 4]!, buf[offset + 5]!, buf[offset + 6]!, buf[offset + 7]!);
    boxes.push({ type, offset, size });
    offset += size;
  }
  return boxes;
}

/**
 * The end offset of the last complete moof immediately followed by its complete mdat, or 0 when
 * the file holds no complete fragment.
 */
export function lastCompleteFragmentEnd(buf: Uint8Array): number {
  const boxes = scanBoxes(buf);
  for (let i = boxes.length - 1; i > 0; i--) {
    const mdat = boxes[i]!;
    if (mdat.type === 'mdat' && boxes[i - 1]!.type === 'moof') return mdat.offset + mdat.size;
  }
  return 0;
}
