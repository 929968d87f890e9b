/**
 * Crash recovery: a recording cut in the middle of its last mdat (a kill -9 mid-write) is
 * recovered up to the end of the previous fragment, and the file cut there still probes cleanly.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastCompleteFragmentEnd } from '../../src/media/fmp4/parse.ts';
import { decodeErrors, makeClip, probe } from './support/ffmpeg.ts';
import { type MuxedClip, muxClip } from './support/mux-clip.ts';

let dir: string;
let muxed: MuxedClip;
let whole: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'custos-fmp4-recovery-'));
  muxed = muxClip('h264', await readFile(await makeClip(dir, 'h264')), 640, 360);
  whole = Buffer.concat([muxed.init, ...muxed.fragments]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lastCompleteFragmentEnd', () => {
  const endOf = (fragments: number) => muxed.init.length + muxed.fragments.slice(0, fragments).reduce((sum, f) => sum + f.length, 0);

  it('is the end of the file when it is whole', () => {
    expect(lastCompleteFragmentEnd(whole)).toBe(whole.length);
  });

  it('is the end of the previous fragment when the last mdat is cut', async () => {
    const lastMdat = whole.lastIndexOf('mdat') - 4;
    const cut = whole.subarray(0, lastMdat + Math.floor((whole.length - lastMdat) / 2));
    const end = lastCompleteFragmentEnd(cut);
    expect(end).toBe(endOf(3));

    const recovered = join(dir, 'recovered.mp4');
    await writeFile(recovered, cut.subarray(0, end));
    const { stderr, json } = await probe(recovered);
    expect(stderr).toBe('');
    expect(Number(json.streams[0]!.nb_read_frames)).toBe(75);
    expect(Number(json.format.duration)).toBeCloseTo(3, 2);
    expect(await decodeErrors(recovered)).toBe('');
  });

  it('never lands inside a fragment, wherever the file is cut', () => {
    const ends = new Set([0, ...muxed.fragments.map((_, i) => endOf(i + 1))]);
    for (let cut = 0; cut <= whole.length; cut += 997) {
      const end = lastCompleteFragmentEnd(whole.subarray(0, cut));
      expect(ends.has(end)).toBe(true);
      expect(end).toBeLessThanOrEqual(cut);
    }
  });

  it('is 0 with no complete fragment: only the init segment, or a cut moof', () => {
    expect(lastCompleteFragmentEnd(muxed.init)).toBe(0);
    expect(lastCompleteFragmentEnd(whole.subarray(0, muxed.init.length + 20))).toBe(0);
  });
});
