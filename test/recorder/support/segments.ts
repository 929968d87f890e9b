/** Test-only: what every recorder test checks of the segments it wrote, with real clients. */
import path from 'node:path';
import { expect } from 'vitest';
import type { Db } from '../../../src/db/connect.ts';
import { listSegments } from '../../../src/recording/segment-repository.ts';
import { decodeErrors, probe } from '../../media/support/ffmpeg.ts';

export const ALL_TIME = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** At least `atLeast` segments, each read by ffprobe without an error, with the codec and the frame count of its row, decoding cleanly. */
export async function expectSegmentsPlay(db: Db, root: string, cameraId: string, codecName: string, atLeast: number): Promise<void> {
  const segments = await listSegments(db, { cameraId, ...ALL_TIME });
  expect(segments.length).toBeGreaterThanOrEqual(atLeast);
  for (const segment of segments) {
    const file = path.join(root, segment.path);
    const { stderr, json } = await probe(file);
    expect(stderr).toBe('');
    const stream = json.streams[0] as { codec_name: string; nb_read_frames: string };
    expect(stream.codec_name).toBe(codecName);
    expect(Number(stream.nb_read_frames)).toBe(segment.frames);
    expect(await decodeErrors(file)).toBe('');
  }
}
