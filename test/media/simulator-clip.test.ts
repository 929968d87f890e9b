import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIPS, clipFrame, codecFromPath, frameTimestamp, loadClip, parseClip } from '../../src/media/simulator/clip.ts';
import { nalType, splitAnnexB } from '../../src/media/simulator/nal-units.ts';

describe('simulator clips', () => {
  it.each(['h264', 'h265'] as const)('the committed %s clip is 100 frames at 25 fps, an IDR every 50, parameter sets apart', async (codec) => {
    expect(statSync(DEFAULT_CLIPS[codec]).size).toBeLessThan(400_000);
    const clip = await loadClip(DEFAULT_CLIPS[codec], codec);
    expect(clip.frames).toHaveLength(100);
    expect(clip.frames.flatMap((f, i) => (f.keyframe ? [i] : []))).toEqual([0, 50]);
    expect(clip.parameterSets.sps).toHaveLength(1);
    expect(clip.parameterSets.pps).toHaveLength(1);
    if (codec === 'h265') expect(clip.parameterSets.vps).toHaveLength(1);
    const setTypes = codec === 'h264' ? [7, 8, 9] : [32, 33, 34, 35];
    for (const frame of clip.frames) for (const nal of frame.nalus) expect(setTypes).not.toContain(nalType(codec, nal));
  });

  it('loops with timestamps that keep increasing', async () => {
    const clip = await loadClip(DEFAULT_CLIPS.h264, 'h264');
    expect(clipFrame(clip, 100)).toBe(clip.frames[0]);
    expect(clipFrame(clip, 257)).toBe(clip.frames[57]);
    const stamps = [98, 99, 100, 101].map((k) => frameTimestamp(clip, k));
    expect(stamps).toEqual([98 * 3600, 99 * 3600, 100 * 3600, 101 * 3600]);
    expect(frameTimestamp({ ...clip, fps: 30000 / 1001 }, 30000)).toBe(90_090_000);
  });

  it('splits on 3- and 4-byte start codes and groups the slices of one picture', () => {
    const sps = [0x67, 0x64, 0, 0x1f];
    const pps = [0x68, 0xee];
    const idrFirst = [0x65, 0x88, 1];
    const idrSecond = [0x65, 0x40, 2]; // first_mb_in_slice != 0: same picture
    const p = [0x41, 0x9a, 3];
    const data = Buffer.from([0, 0, 0, 1, ...sps, 0, 0, 1, ...pps, 0, 0, 1, ...idrFirst, 0, 0, 0, 1, ...idrSecond, 0, 0, 1, ...p, 0]);
    expect(splitAnnexB(data).map((n) => n[0])).toEqual([0x67, 0x68, 0x65, 0x65, 0x41]);
    const clip = parseClip(data, 'h264');
    expect(clip.frames.map((f) => [f.nalus.length, f.keyframe])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('refuses a clip that does not start with a keyframe, and names codecs from file names', () => {
    expect(() => parseClip(Buffer.from([0, 0, 1, 0x67, 1, 0, 0, 1, 0x68, 1, 0, 0, 1, 0x41, 0x9a]), 'h264')).toThrow(/keyframe/);
    expect(codecFromPath('a/b.H264')).toBe('h264');
    expect(codecFromPath('cam.hevc')).toBe('h265');
    expect(codecFromPath('cam.mp4')).toBeUndefined();
  });
});
