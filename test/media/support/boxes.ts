/**
 * Test-only: walking down into nested boxes with the top-level scanner, e.g.
 * findBox(init, 'moov/trak/mdia/minf/stbl/stsd') → its payload.
 */
import { scanBoxes } from '../../../src/media/fmp4/parse.ts';

/** Bytes between a box's payload start and its first child, for boxes that are not plain containers. */
const CHILDREN_AFTER: Record<string, number> = { stsd: 8, avc1: 78, hvc1: 78, dref: 8 };

/** The payload (after the 8-byte header) of the box at `path`, or undefined. */
export function findBox(buf: Buffer, path: string): Buffer | undefined {
  let payload = buf;
  let skip = 0;
  for (const type of path.split('/')) {
    const box = scanBoxes(payload.subarray(skip)).find((b) => b.type === type);
    if (!box) return undefined;
    payload = payload.subarray(skip + box.offset + 8, skip + box.offset + box.size);
    skip = CHILDREN_AFTER[type] ?? 0;
  }
  return payload;
}
