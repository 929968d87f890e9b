import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupAccessUnits, splitAnnexB, toLengthPrefixed } from '../../src/media/annexb.ts';
import { makeClip, tempDir, type Clip } from './support/clips.ts';

let remove: () => Promise<void>;
let clip: Clip;

beforeAll(async () => {
  const temp = await tempDir();
  remove = temp.remove;
  clip = await makeClip(temp.dir, 'clip', 'h264', { args: ['-x264-params', 'slices=3'] });
});
afterAll(() => remove?.());

describe('Annex B', () => {
  it('splits at 3- and 4-byte start codes and drops trailing zero bytes', () => {
    const stream = Buffer.from([0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 0, 1, 0x65, 0, 0, 3, 1, 0, 0]);
    expect(splitAnnexB(stream).map((n) => [...n])).toEqual([[0x67, 1, 2], [0x68, 3], [0x65, 0, 0, 3, 1]]);
    expect(splitAnnexB(Buffer.from([1, 2, 3]))).toEqual([]);
    expect(splitAnnexB(Buffer.alloc(0))).toEqual([]);
  });

  it('groups a real clip with three slices per picture into the frames ffprobe counts', () => {
    const aus = groupAccessUnits(splitAnnexB(clip.data), 'h264');
    expect(aus).toHaveLength(clip.keyframes.length);
    expect(aus.length).toBe(50);
    for (const [i, au] of aus.entries()) {
      expect(au.filter((n) => (n[0]! & 0x1f) === 1 || (n[0]! & 0x1f) === 5)).toHaveLength(3);
      expect(au.some((n) => (n[0]! & 0x1f) === 5)).toBe(clip.keyframes[i]);
    }
  });

  it('writes 4-byte lengths', () => {
    const out = toLengthPrefixed([Buffer.from([0x65, 1]), Buffer.from([0x41])]);
    expect([...out]).toEqual([0, 0, 0, 2, 0x65, 1, 0, 0, 0, 1, 0x41]);
  });
});
