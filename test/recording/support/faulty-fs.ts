/** A file system that runs out of room after `limit` bytes: its writes fail with ENOSPC, after a short write; `space` reports the room left. */
import { nodeSegmentFs, type SegmentFs } from '../../../src/recording/segment-fs.ts';

export function fillingFs(initialLimit: number): SegmentFs & { written(): number; setLimit(bytes: number): void } {
  let written = 0;
  let limit = initialLimit;
  return {
    ...nodeSegmentFs,
    written: () => written,
    setLimit: (bytes) => {
      limit = bytes;
    },
    // What statfs would say of such a disk: the room left under the limit.
    space: async () => ({ freeBytes: Math.max(0, limit - written), totalBytes: Math.min(limit, Number.MAX_SAFE_INTEGER) }),
    async create(file) {
      const inner = await nodeSegmentFs.create(file);
      return {
        ...inner,
        async write(chunk) {
          const room = Math.max(0, limit - written);
          if (chunk.length <= room) {
            await inner.write(chunk);
            written += chunk.length;
            return;
          }
          // Like a real disk: part of the chunk lands, then the error.
          await inner.write(chunk.subarray(0, room));
          written += room;
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
        },
      };
    },
  };
}
