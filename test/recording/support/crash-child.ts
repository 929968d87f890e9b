/**
 * Run as its own process by crash.test.ts: records one whole segment and two fragments of the next,
 * then writes half of a third fragment and stops there, printing "torn", to be killed with SIGKILL.
 * Usage: node --import tsx crash-child.ts <database URL> <segments root> <clip folder>
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { connectDatabase } from '../../../src/db/connect.ts';
import { LocalSegmentStore } from '../../../src/recording/local-segment-store.ts';
import { nodeSegmentFs, type SegmentFs } from '../../../src/recording/segment-fs.ts';
import { SegmentWriter } from '../../../src/recording/segment-writer.ts';
import { systemClock } from '../../../src/shared/clock.ts';

const [dbUrl, root, clipDir] = process.argv.slice(2) as [string, string, string];
let tearNext = false;

/** Once armed, a write lands half way and then never finishes, as if the process died inside it. */
const tearingFs: SegmentFs = {
  ...nodeSegmentFs,
  async create(file) {
    const inner = await nodeSegmentFs.create(file);
    return {
      ...inner,
      async write(chunk) {
        if (!tearNext) return inner.write(chunk);
        await inner.write(chunk.subarray(0, chunk.length >> 1));
        process.stdout.write('torn\n');
        await new Promise(() => undefined);
      },
    };
  },
};

const handle = connectDatabase(dbUrl);
const writer = new SegmentWriter({ db: handle.db, store: new LocalSegmentStore(root, tearingFs), cameraId: 'cam_crash', clock: systemClock });
const init = readFileSync(path.join(clipDir, 'init.mp4'));
const fragment = (i: number) => readFileSync(path.join(clipDir, `${i}.m4s`));
const T0 = Date.parse('2025-06-01T01:00:00Z');
const at = (i: number) => ({ startMs: T0 + i * 1000, endMs: T0 + (i + 1) * 1000, frames: 25, keyframe: true });
const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

await writer.open(init);
for (const i of [0, 1]) {
  await writer.append(fragment(i), at(i));
  await pause();
}
await writer.close();
await writer.open(init);
for (const i of [2, 3]) {
  await writer.append(fragment(i), at(i));
  await pause();
}
tearNext = true;
await writer.append(fragment(4), at(4));
