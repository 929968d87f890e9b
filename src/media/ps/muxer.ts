/**
 * MPEG-2 Program Stream (ISO/IEC 13818-1 §2.5) as GB/T 28181-2022 Annex C carries video over RTP:
 * one pack per picture: a pack header, on keyframes a system header and a program stream map
 * (stream_type 0x1B H.264 / 0x24 H.265 on stream id 0xE0), then the picture in Annex B form in
 * PES packets of at most 65 535 bytes, the first with its PTS (and DTS).
 *
 * The device simulator sends this; src/media/ps/demuxer.ts reads it back.
 */
import type { ParameterSets, VideoCodec } from '../types.ts';

export const PS_VIDEO_STREAM_ID = 0xe0;
export const PS_STREAM_TYPE: Record<VideoCodec, number> = { h264: 0x1b, h265: 0x24 };
/** PES_packet_length is 16 bits; the optional header takes 3 bytes plus its timestamps. */
const MAX_PES_LENGTH = 0xffff;
const START_CODE = Buffer.from([0, 0, 0, 1]);
/** program_mux_rate in units of 50 bytes/s: 20 Mbit/s, an upper bound devices commonly write. */
const MUX_RATE = 50_000;

export interface PsPicture {
  codec: VideoCodec;
  /** NAL units without start codes (no parameter sets: those come from `parameterSets` on keyframes). */
  nalus: readonly Buffer[];
  keyframe: boolean;
  parameterSets?: ParameterSets;
  /** 90 kHz presentation time (33 bits; wraps). */
  pts90k: number;
  /** Decoding time when it differs from pts (B-frames). */
  dts90k?: number;
}

const TWO_POW_33 = 2 ** 33;

/** 33-bit time split into the 3 + 15 + 15 bits the PES and pack headers write. */
function split33(value: number): { high3: number; mid15: number; low15: number } {
  const v = ((Math.floor(value) % TWO_POW_33) + TWO_POW_33) % TWO_POW_33;
  const high3 = Math.floor(v / 2 ** 30) & 0x7;
  const rest = v % 2 ** 30;
  return { high3, mid15: (rest >>> 15) & 0x7fff, low15: rest & 0x7fff };
}

export function packHeader(scr90k: number): Buffer {
  const { high3, mid15, low15 } = split33(scr90k);
  const b = Buffer.alloc(14);
  b.writeUInt32BE(0x000001ba, 0);
  // '01' SCR[32..30] 1 SCR[29..28] | SCR[27..20] | SCR[19..15] 1 SCR[14..13] | SCR[12..5] | SCR[4..0] 1 ext[8..7] | ext[6..0] 1
  const s29_15 = mid15;
  const s14_0 = low15;
  b[4] = 0x44 | (high3 << 3) | ((s29_15 >>> 13) & 0x3);
  b[5] = (s29_15 >>> 5) & 0xff;
  b[6] = ((s29_15 & 0x1f) << 3) | 0x04 | ((s14_0 >>> 13) & 0x3);
  b[7] = (s14_0 >>> 5) & 0xff;
  b[8] = ((s14_0 & 0x1f) << 3) | 0x04;
  b[9] = 0x01;
  b[10] = (MUX_RATE >>> 14) & 0xff;
  b[11] = (MUX_RATE >>> 6) & 0xff;
  b[12] = ((MUX_RATE & 0x3f) << 2) | 0x03;
  b[13] = 0xf8; // reserved, no stuffing
  return b;
}

export function systemHeader(): Buffer {
  const b = Buffer.alloc(6 + 6 + 3);
  b.writeUInt32BE(0x000001bb, 0);
  b.writeUInt16BE(b.length - 6, 4);
  b[6] = 0x80 | ((MUX_RATE >>> 15) & 0x7f); // marker, rate_bound
  b[7] = (MUX_RATE >>> 7) & 0xff;
  b[8] = ((MUX_RATE & 0x7f) << 1) | 0x01;
  b[9] = 0x04; // audio_bound 1, fixed 0, CSPS 0
  b[10] = 0xe1; // audio lock, video lock, marker, video_bound 1
  b[11] = 0xff; // packet_rate_restriction, reserved
  b[12] = PS_VIDEO_STREAM_ID;
  b[13] = 0xe0 | 0x08; // '11', buffer_bound_scale 1 (1024-byte units), size bound high bits
  b[14] = 0x00;
  return b;
}

/** CRC-32/MPEG-2 (poly 0x04C11DB7, not reflected, init all ones): the PSM's CRC_32. */
export function crc32Mpeg2(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte << 24;
    for (let i = 0; i < 8; i++) crc = crc & 0x80000000 ? ((crc << 1) ^ 0x04c11db7) >>> 0 : (crc << 1) >>> 0;
  }
  return crc >>> 0;
}

export function programStreamMap(codec: VideoCodec): Buffer {
  const b = Buffer.alloc(6 + 2 + 2 + 2 + 4 + 4);
  b.writeUInt32BE(0x000001bc, 0);
  b.writeUInt16BE(b.length - 6, 4);
  b[6] = 0xe0; // current_next_indicator 1, reserved, version 0
  b[7] = 0xff; // reserved, marker
  b.writeUInt16BE(0, 8); // program_stream_info_length
  b.writeUInt16BE(4, 10); // elementary_stream_map_length
  b[12] = PS_STREAM_TYPE[codec];
  b[13] = PS_VIDEO_STREAM_ID;
  b.writeUInt16BE(0, 14); // elementary_stream_info_length
  b.writeUInt32BE(crc32Mpeg2(b.subarray(0, 16)), 16);
  return b;
}

function timestampBytes(prefix: number, value: number): Buffer {
  const { high3, mid15, low15 } = split33(value);
  const b = Buffer.alloc(5);
  b[0] = (prefix << 4) | (high3 << 1) | 0x01;
  b[1] = (mid15 >>> 7) & 0xff;
  b[2] = ((mid15 & 0x7f) << 1) | 0x01;
  b[3] = (low15 >>> 7) & 0xff;
  b[4] = ((low15 & 0x7f) << 1) | 0x01;
  return b;
}

/** PES packets for one picture's elementary stream bytes; the first carries PTS (and DTS). */
export function pesPackets(es: Buffer, pts90k: number, dts90k?: number): Buffer[] {
  const packets: Buffer[] = [];
  let offset = 0;
  let first = true;
  while (offset < es.length || first) {
    const withDts = first && dts90k !== undefined && dts90k !== pts90k;
    const times = first ? (withDts ? Buffer.concat([timestampBytes(0x3, pts90k), timestampBytes(0x1, dts90k)]) : timestampBytes(0x2, pts90k)) : Buffer.alloc(0);
    const room = MAX_PES_LENGTH - 3 - times.length;
    const payload = es.subarray(offset, offset + room);
    const head = Buffer.alloc(9);
    head.writeUInt32BE(0x000001e0, 0);
    head.writeUInt16BE(3 + times.length + payload.length, 4);
    head[6] = first ? 0x84 : 0x80; // '10', data_alignment_indicator on the first
    head[7] = first ? (withDts ? 0xc0 : 0x80) : 0x00;
    head[8] = times.length;
    packets.push(Buffer.concat([head, times, payload]));
    offset += payload.length;
    first = false;
  }
  return packets;
}

/** Annex B bytes of the picture: parameter sets first on a keyframe. */
export function annexBOf(picture: PsPicture): Buffer {
  const parts: Buffer[] = [];
  if (picture.keyframe && picture.parameterSets) {
    const sets = picture.parameterSets;
    for (const nal of [...(sets.vps ?? []), ...sets.sps, ...sets.pps]) parts.push(START_CODE, nal);
  }
  for (const nal of picture.nalus) parts.push(START_CODE, nal);
  return Buffer.concat(parts);
}

/** One PS pack holding the whole picture. */
export function muxPsPicture(picture: PsPicture): Buffer {
  const parts = [packHeader(picture.dts90k ?? picture.pts90k)];
  if (picture.keyframe) parts.push(systemHeader(), programStreamMap(picture.codec));
  parts.push(...pesPackets(annexBOf(picture), picture.pts90k, picture.dts90k));
  return Buffer.concat(parts);
}
