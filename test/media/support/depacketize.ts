import { parseRtpPacket } from '../../../src/media/rtp/packet.ts';
import type { RtpDepacketizer } from '../../../src/media/rtp/depacketizer.ts';
import type { AccessUnit } from '../../../src/media/types.ts';
import type { TestPacket } from './packetize.ts';

/** Feeds RTP packets (40 ms apart per access unit) and collects what comes out, flushed at the end. */
export function depacketizeAll(depacketizer: RtpDepacketizer, packets: readonly TestPacket[]): AccessUnit[] {
  const out: AccessUnit[] = [];
  for (const packet of packets) out.push(...depacketizer.push(parseRtpPacket(packet.data), packet.au * 40));
  out.push(...depacketizer.flush());
  return out;
}

/** Index of the source access unit an emitted one came from, by its RTP timestamp. */
export function sourceIndex(au: AccessUnit, firstTimestamp: number, ticksPerFrame = 3600): number {
  return ((au.rtpTimestamp - firstTimestamp) >>> 0) / ticksPerFrame;
}

/** Same NAL units, byte for byte. */
export function sameNalus(a: readonly Buffer[], b: readonly Buffer[]): boolean {
  return a.length === b.length && a.every((nal, i) => nal.equals(b[i]!));
}

/**
 * A picture that came through a loss: its NAL units are the source's, in order, and all its slices
 * are there. Parameter sets or SEI lost just before a picture that begins cleanly may be missing.
 */
export function wholePicture(codec: 'h264' | 'h265', got: readonly Buffer[], source: readonly Buffer[]): boolean {
  let j = 0;
  for (const nal of got) {
    while (j < source.length && !source[j]!.equals(nal)) {
      const type = codec === 'h264' ? source[j]![0]! & 0x1f : (source[j]![0]! >>> 1) & 0x3f;
      if (codec === 'h264' ? type >= 1 && type <= 5 : type < 32) return false;
      j++;
    }
    if (j === source.length) return false;
    j++;
  }
  return source.slice(j).every((n) => (codec === 'h264' ? ((n[0]! & 0x1f) < 1 || (n[0]! & 0x1f) > 5) : ((n[0]! >>> 1) & 0x3f) >= 32));
}
