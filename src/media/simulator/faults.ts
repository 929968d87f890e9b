/** Faults a simulated camera can be told to show, for testing how a recorder copes. */
import { randomBytes, randomFillSync, randomInt } from 'node:crypto';
import type { PacketizedFrame } from './packetizer.ts';
import { INTERLEAVED_HEADER_BYTES } from './packetizer.ts';

export type Fault =
  /** Close the TCP connection `afterSeconds` into play (each new session again). */
  | { kind: 'drop'; afterSeconds: number }
  /** Stop sending media from `afterSeconds` into play (default at once); RTSP keeps answering. */
  | { kind: 'stall'; afterSeconds?: number }
  /** Answer no RTSP request from `afterSeconds` into play (default at once, setup included); media keeps flowing. */
  | { kind: 'deaf'; afterSeconds?: number }
  /**
   * From `afterSeconds` into play (default: at once, RTSP setup included), replace `ratio` of the RTP
   * packets (default 0.2) with random bytes inside well-formed interleaved frames, and answer RTSP
   * requests with malformed responses.
   */
  | { kind: 'garbage'; afterSeconds?: number; ratio?: number };

/** Whether `fault` is in effect for a session that has played `playingSeconds` (undefined: not playing). */
export function faultActive(fault: Fault | null, playingSeconds: number | undefined): boolean {
  if (!fault) return false;
  if (fault.afterSeconds === undefined) return true;
  return playingSeconds !== undefined && playingSeconds >= fault.afterSeconds;
}

/** Overwrites `ratio` of the packets in `out` (a stamped copy of `frame`) with random bytes, keeping each frame's `$`, channel and length. */
export function garblePackets(frame: PacketizedFrame, out: Buffer, ratio: number): number {
  let garbled = 0;
  for (let i = 0; i + 1 < frame.offsets.length; i++) {
    if (Math.random() >= ratio) continue;
    randomFillSync(out, frame.offsets[i]! + INTERLEAVED_HEADER_BYTES, frame.offsets[i + 1]! - frame.offsets[i]! - INTERLEAVED_HEADER_BYTES);
    garbled++;
  }
  return garbled;
}

/** One of several malformed RTSP responses. */
export function garbageResponse(cseq: string | undefined): Buffer {
  switch (randomInt(5)) {
    case 0:
      return randomBytes(randomInt(1, 512));
    case 1:
      return Buffer.from(`RTSP/1.0 2x0 OK\r\nCSeq: ${cseq ?? ''}\r\n\r\n`);
    case 2:
      return Buffer.from(`RTSP/1.0 200 OK\r\nCSeq: ${cseq ?? ''}\r\nContent-Length: 999999\r\n\r\nv=0\r\n`);
    case 3:
      return Buffer.concat([Buffer.from(`RTSP/1.0 200 OK\r\nCSeq: `), randomBytes(64), Buffer.from('\r\n\r\n')]);
    default:
      return Buffer.from(`HTTP/1.1 200 OK\r\nCSeq ${cseq ?? ''}\r\nSession:\r\n\r\n`);
  }
}

/** `drop:10`, `stall`, `stall:5`, `deaf`, `deaf:5`, `garbage`, `garbage:3:0.5` (kind, seconds into play, ratio). */
export function parseFault(text: string): Fault {
  const [kind, seconds, ratio] = text.split(':');
  const after = seconds === undefined || seconds === '' ? undefined : Number(seconds);
  if (after !== undefined && !(after >= 0)) throw new Error(`bad fault seconds in "${text}"`);
  if (kind === 'drop') {
    if (after === undefined) throw new Error('a drop fault needs its seconds: drop:SECONDS');
    return { kind, afterSeconds: after };
  }
  if (kind === 'stall' || kind === 'deaf') return after === undefined ? { kind } : { kind, afterSeconds: after };
  if (kind === 'garbage') {
    const r = ratio === undefined ? undefined : Number(ratio);
    if (r !== undefined && !(r >= 0 && r <= 1)) throw new Error(`bad garbage ratio in "${text}"`);
    return { kind, ...(after === undefined ? {} : { afterSeconds: after }), ...(r === undefined ? {} : { ratio: r }) };
  }
  throw new Error(`unknown fault "${text}": drop:SECONDS, stall[:SECONDS], deaf[:SECONDS] or garbage[:SECONDS[:RATIO]]`);
}
