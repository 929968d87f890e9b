/**
 * RTP packetizers for H.264 (RFC 6184: single NAL unit, FU-A) and H.265 (RFC 7798: single NAL unit, FU),
 * packetization mode 1, no aggregation.
 *
 * A clip is packetized once and shared by every stream that plays it: each access unit becomes one
 * template buffer of RTSP interleaved frames ('$', channel, length, RTP packet) whose channel,
 * sequence numbers, timestamp and SSRC are blank. A stream copies the template and stamps its own
 * values (one copy and one socket write per frame, however many packets it holds).
 */
import type { VideoCodec } from '../types.ts';
import { clipFrame, type Clip } from './clip.ts';

/** Largest RTP packet (header and payload), below a 1500-byte Ethernet MTU with room for tunnels. */
export const RTP_MTU = 1400;
export const RTP_HEADER_BYTES = 12;
export const INTERLEAVED_HEADER_BYTES = 4;
export const DYNAMIC_PAYLOAD_TYPE = 96;

export interface PacketizedFrame {
  /** Interleaved frames back to back. */
  bytes: Buffer;
  /** Start of each interleaved frame in `bytes`, then `bytes.length`: packet i is offsets[i]..offsets[i+1]. */
  offsets: Uint32Array;
  keyframe: boolean;
  /** Frame intervals between when it is sent (decode order) and when it is shown: its RTP timestamp's lead or lag. */
  displayOffset?: number;
}

export interface PacketizeOptions {
  mtu?: number;
  payloadType?: number;
}

export interface StreamStamp {
  channel: number;
  /** Sequence number of the first packet; the following ones count up (mod 2^16). */
  sequence: number;
  timestamp: number;
  ssrc: number;
}

/** The packets of one access unit; the marker bit is set on the last one. */
export function packetizeAccessUnit(codec: VideoCodec, nalus: readonly Buffer[], keyframe: boolean, options: PacketizeOptions = {}): PacketizedFrame {
  const maxPayload = (options.mtu ?? RTP_MTU) - RTP_HEADER_BYTES;
  const fuHeader = codec === 'h264' ? 2 : 3;
  const nalHeader = codec === 'h264' ? 1 : 2;
  const chunk = maxPayload - fuHeader;
  let packets = 0;
  let size = 0;
  for (const nal of nalus) {
    if (nal.length <= maxPayload) {
      packets += 1;
      size += nal.length;
    } else {
      const fragments = Math.ceil((nal.length - nalHeader) / chunk);
      packets += fragments;
      size += nal.length - nalHeader + fragments * fuHeader;
    }
  }
  const bytes = Buffer.alloc(size + packets * (INTERLEAVED_HEADER_BYTES + RTP_HEADER_BYTES));
  const offsets = new Uint32Array(packets + 1);
  const payloadType = (options.payloadType ?? DYNAMIC_PAYLOAD_TYPE) & 0x7f;
  let at = 0;
  let index = 0;
  const header = (payloadBytes: number) => {
    offsets[index++] = at;
    bytes[at] = 0x24;
    bytes.writeUInt16BE(RTP_HEADER_BYTES + payloadBytes, at + 2);
    bytes[at + 4] = 0x80;
    bytes[at + 5] = payloadType;
    at += INTERLEAVED_HEADER_BYTES + RTP_HEADER_BYTES;
  };
  for (const nal of nalus) {
    if (nal.length <= maxPayload) {
      header(nal.length);
      at += nal.copy(bytes, at);
      continue;
    }
    const type = codec === 'h264' ? nal[0]! & 0x1f : (nal[0]! >> 1) & 0x3f;
    for (let from = nalHeader; from < nal.length; from += chunk) {
      const to = Math.min(from + chunk, nal.length);
      header(fuHeader + to - from);
      const edge = (from === nalHeader ? 0x80 : 0) | (to === nal.length ? 0x40 : 0);
      if (codec === 'h264') {
        bytes[at++] = (nal[0]! & 0xe0) | 28;
        bytes[at++] = edge | type;
      } else {
        bytes[at++] = (nal[0]! & 0x81) | (49 << 1);
        bytes[at++] = nal[1]!;
        bytes[at++] = edge | type;
      }
      at += nal.copy(bytes, at, from, to);
    }
  }
  offsets[packets] = at;
  if (packets > 0) {
    const markerByte = offsets[packets - 1]! + 5;
    bytes[markerByte] = bytes[markerByte]! | 0x80;
  }
  return { bytes, offsets, keyframe };
}

/** Every frame of a clip, with its parameter sets in band before each keyframe. */
export function packetizeClip(clip: Clip, options: PacketizeOptions = {}): PacketizedFrame[] {
  const sets = clip.parameterSets;
  const inBand = [...(sets.vps ?? []), ...sets.sps, ...sets.pps];
  return clip.frames.map((_, k) => {
    const frame = clipFrame(clip, k);
    const packets = packetizeAccessUnit(clip.codec, frame.keyframe ? [...inBand, ...frame.nalus] : frame.nalus, frame.keyframe, options);
    return frame.displayOffset ? { ...packets, displayOffset: frame.displayOffset } : packets;
  });
}

/** Writes a stream's channel, sequence numbers, timestamp and SSRC into `out`, a copy of `frame.bytes`. */
export function stampPackets(frame: PacketizedFrame, out: Buffer, stamp: StreamStamp): void {
  const { offsets } = frame;
  const last = offsets.length - 1;
  for (let i = 0; i < last; i++) {
    const at = offsets[i]!;
    out[at + 1] = stamp.channel;
    out.writeUInt16BE((stamp.sequence + i) & 0xffff, at + 6);
    out.writeUInt32BE(stamp.timestamp >>> 0, at + 8);
    out.writeUInt32BE(stamp.ssrc >>> 0, at + 12);
  }
}

export function packetCount(frame: PacketizedFrame): number {
  return frame.offsets.length - 1;
}
