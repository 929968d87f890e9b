/**
 * A fragment's bytes, read back field by field: sequence number, decode time past 2^32, the
 * trun's data offset landing on the first sample in mdat, per-sample flags, and composition
 * offsets only when some sample has one (version 1 when one is negative).
 */
import { describe, expect, it } from 'vitest';
import { createFragment, NON_SYNC_SAMPLE_FLAGS, SYNC_SAMPLE_FLAGS } from '../../src/media/fmp4/fragment.ts';
import { scanBoxes } from '../../src/media/fmp4/parse.ts';
import type { Sample } from '../../src/media/types.ts';
import { findBox } from './support/boxes.ts';

const sample = (bytes: number[], keyframe: boolean, compositionOffset = 0): Sample => ({ data: Buffer.from(bytes), duration: 3600, keyframe, compositionOffset });

describe('createFragment', () => {
  const samples = [sample([1, 2, 3], true), sample([4, 5], false), sample([6], false)];
  const fragment = createFragment(7, 2 ** 40 + 5, samples);

  it('is moof then mdat, sized exactly', () => {
    const boxes = scanBoxes(fragment);
    expect(boxes.map((b) => b.type)).toEqual(['moof', 'mdat']);
    expect(boxes[1]!.offset + boxes[1]!.size).toBe(fragment.length);
    expect(findBox(fragment, 'mdat')!.toString('hex')).toBe('010203040506');
  });

  it('numbers the fragment and carries a 64-bit decode time', () => {
    expect(findBox(fragment, 'moof/mfhd')!.readUInt32BE(4)).toBe(7);
    const tfhd = findBox(fragment, 'moof/traf/tfhd')!;
    expect(tfhd.readUInt32BE(0)).toBe(0x020000);
    expect(tfhd.readUInt32BE(4)).toBe(1);
    const tfdt = findBox(fragment, 'moof/traf/tfdt')!;
    expect(tfdt[0]).toBe(1);
    expect(Number(tfdt.readBigUInt64BE(4))).toBe(2 ** 40 + 5);
  });

  it('points the trun at the samples and flags each one', () => {
    const trun = findBox(fragment, 'moof/traf/trun')!;
    expect(trun.readUInt32BE(0)).toBe(0x000701);
    expect(trun.readUInt32BE(4)).toBe(3);
    const dataOffset = trun.readUInt32BE(8);
    expect(fragment.subarray(dataOffset, dataOffset + 3).toString('hex')).toBe('010203');
    const rows = [0, 1, 2].map((i) => [trun.readUInt32BE(12 + i * 12), trun.readUInt32BE(16 + i * 12), trun.readUInt32BE(20 + i * 12)]);
    expect(rows).toEqual([
      [3600, 3, SYNC_SAMPLE_FLAGS],
      [3600, 2, NON_SYNC_SAMPLE_FLAGS],
      [3600, 1, NON_SYNC_SAMPLE_FLAGS],
    ]);
  });

  it('writes composition offsets when a sample has one, signed in version 1', () => {
    const positive = findBox(createFragment(1, 0, [sample([1], true, 7200), sample([2], false)]), 'moof/traf/trun')!;
    expect(positive.readUInt32BE(0)).toBe(0x000f01);
    expect([positive.readInt32BE(24), positive.readInt32BE(40)]).toEqual([7200, 0]);
    const negative = findBox(createFragment(1, 0, [sample([1], true, 0), sample([2], false, -3600)]), 'moof/traf/trun')!;
    expect(negative.readUInt32BE(0)).toBe(0x01000f01);
    expect(negative.readInt32BE(40)).toBe(-3600);
  });

  it('makes an empty fragment that is still well formed', () => {
    const empty = createFragment(1, 0, []);
    expect(scanBoxes(empty).map((b) => b.type)).toEqual(['moof', 'mdat']);
  });
});
