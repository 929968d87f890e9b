/** The simulator stamps a B-frame clip as a camera does: RTP timestamp = presentation time, pictures sent in decode order. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClip } from '../../src/media/simulator/clip.ts';
import { packetizeClip } from '../../src/media/simulator/packetizer.ts';
import { makeBframeClip } from './support/ffmpeg.ts';

describe('simulator clips with B-frames (REG-15-8)', { timeout: 60_000 }, () => {
  it.each(['h264', 'h265'] as const)('%s: each picture is shown where ffprobe says, from the picture order count of its slice', async (codec) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'custos-sim-bframes-'));
    const made = await makeBframeClip(dir, codec, 4);
    const clip = parseClip(readFileSync(made.file), codec);
    expect(clip.frames.map((f, i) => i + f.displayOffset)).toEqual(made.pts);
    expect(clip.frames.some((f) => f.displayOffset !== 0)).toBe(true);
    expect(packetizeClip(clip).map((f) => f.displayOffset ?? 0)).toEqual(clip.frames.map((f) => f.displayOffset));
  });
});
