/** The keyframe decoder: H.264 and H.265 keyframes to 160×120 grey through one ffmpeg; a missing ffmpeg fails soft, without a restart storm. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyframeAnnexB } from '../../src/analytics/tamper/annex-b.ts';
import { FRAME_BYTES, frameFeatures } from '../../src/analytics/tamper/frame-features.ts';
import { KeyframeDecoder } from '../../src/analytics/tamper/keyframe-decoder.ts';
import { loadClip } from '../../src/media/simulator/clip.ts';
import { REPO_ROOT } from '../../src/shared/repo-root.ts';

describe('keyframe decoder', { timeout: 60_000 }, () => {
  it.each(['h264', 'h265'] as const)('decodes %s keyframes, each into its own picture, in order', async (codec) => {
    const clip = await loadClip(path.join(REPO_ROOT, `media/clips/testsrc-360p25.${codec}`), codec);
    const decoder = new KeyframeDecoder({ ffmpegPath: 'ffmpeg', codec });
    const keyframe = clip.frames.find((f) => f.keyframe)!;
    const pictures = await Promise.all([0, 1, 2].map(() => decoder.decode(keyframeAnnexB(clip.parameterSets, keyframe.nalus)) ?? Promise.resolve(null)));
    decoder.close();
    expect(pictures.map((p) => p?.length)).toEqual([FRAME_BYTES, FRAME_BYTES, FRAME_BYTES]);
    expect(frameFeatures(pictures[0]!).std).toBeGreaterThan(20);
    expect(decoder.starts).toBe(1);
  });

  it('answers null when ffmpeg cannot run, and does not start it again at once', async () => {
    const decoder = new KeyframeDecoder({ ffmpegPath: path.join(REPO_ROOT, 'no-such-ffmpeg'), codec: 'h264' });
    expect(await decoder.decode(Buffer.from([0, 0, 0, 1, 0x09, 0xf0]))).toBeNull();
    expect(decoder.decode(Buffer.from([0, 0, 0, 1, 0x09, 0xf0]))).toBeUndefined();
    expect(decoder.starts).toBe(1);
    decoder.close();
  });
});
