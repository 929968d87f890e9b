import { describe, expect, it } from 'vitest';
import { parseH264Sps } from '../../src/media/h264/sps.ts';
import { parameterSetsFromFmtp, parseFmtp } from '../../src/media/sdp-fmtp.ts';

// A Hikvision-style fmtp line (1920x1080 Main profile).
const FMTP = 'profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z00AKpWoHgCJ+WEAAAMD6AAAw1CE,aO48gA==';

describe('fmtp sprop-parameter-sets', () => {
  it('reads the keys and the parameter sets', () => {
    expect(parseFmtp(FMTP).get('packetization-mode')).toBe('1');
    const sets = parameterSetsFromFmtp('h264', FMTP)!;
    expect(sets.codec).toBe('h264');
    expect(sets.sps).toHaveLength(1);
    expect(sets.pps).toHaveLength(1);
    expect(sets.pps[0]![0]! & 0x1f).toBe(8);
    const sps = parseH264Sps(sets.sps[0]!);
    expect([sps.width, sps.height, sps.codecString]).toEqual([1920, 1080, 'avc1.4d002a']);
  });

  it('sorts by NAL type whatever the order, and gives undefined without both sets', () => {
    expect(parameterSetsFromFmtp('h264', 'sprop-parameter-sets=aO48gA==,Z00AKpWoHgCJ+WEAAAMD6AAAw1CE')?.sps).toHaveLength(1);
    expect(parameterSetsFromFmtp('h264', 'sprop-parameter-sets=aO48gA==')).toBeUndefined();
    expect(parameterSetsFromFmtp('h264', 'packetization-mode=1')).toBeUndefined();
    expect(parameterSetsFromFmtp('h264', ';;=;sprop-parameter-sets=,,,')).toBeUndefined();
  });
});
