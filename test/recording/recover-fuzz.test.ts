import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverPartials } from '../../src/recording/recover.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { hasTool, realClip, syntheticFragment, syntheticInit } from './support/fmp4.ts';
import { openRecordingEnv, sha256File, T0, type RecordingEnv } from './support/env.ts';

describe('recovery of truncated and corrupted partial files (fuzz)', { timeout: 120_000 }, () => {
  let env: RecordingEnv;
  let samples: Buffer[];
  beforeAll(async () => {
    env = await openRecordingEnv('sqlite');
    samples = [Buffer.concat([syntheticInit(), ...[1, 2, 3, 4].map((n) => syntheticFragment(n, 8))])];
    if (hasTool('ffmpeg')) {
      const clip = realClip(3);
      samples.push(Buffer.concat([clip.init, ...clip.fragments]));
    }
  });
  afterAll(async () => {
    await env.close();
  });

  it('never throws, never fails a file, and never yields a row whose hash does not match its file', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        async (pick, cutAt, flips) => {
          const sample = samples[pick % samples.length]!;
          const content = Buffer.from(sample.subarray(0, Math.floor(cutAt * sample.length)));
          for (const [at, value] of flips) if (content.length > 0) content[Math.floor(at * (content.length - 1))] = value;
          const cameraId = `cam_f${++n}`;
          // A root per run, so that each recovery scans one camera.
          const root = path.join(env.root, `r${n}`);
          const dir = path.join(root, cameraId, '2025', '06', '01');
          mkdirSync(dir, { recursive: true });
          const partial = path.join(dir, `1-${T0}.mp4.partial`);
          writeFileSync(partial, content);

          const report = await recoverPartials(root, env.handle.db, env.clock);
          expect(report.failed).toEqual([]);
          const rows = await listSegments(env.handle.db, { cameraId });
          expect(rows.length).toBeLessThanOrEqual(1);
          for (const row of rows) {
            const file = path.join(root, row.path);
            expect(sha256File(file)).toBe(row.sha256);
            expect(statSync(file).size).toBe(row.bytes);
            expect(content.subarray(0, row.bytes)).toEqual(readFileSync(file));
          }
          expect(report.recovered.length + report.discarded.length).toBe(1);
          expect(await verifyChain(env.handle.db, root, cameraId)).toMatchObject({ ok: true });
        },
      ),
      { numRuns: 200 },
    );
  });
});
