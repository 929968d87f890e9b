/**
 * The system layer of an MPEG-2 Program Stream (ISO/IEC 13818-1 §2.5.3) read as a byte stream that
 * arrives in arbitrary pieces (RTP payloads): pack headers, system headers, the program stream map,
 * PES packets. It hands the payload of the video PES packets on, as views into the pieces it was
 * given, and skips the rest (audio, private streams, padding). It never throws: bytes it cannot read
 * are skipped up to the next system start code (00 00 01 B9..FF), which never occurs inside valid
 * H.264/H.265 data (a NAL header byte is below 0x80).
 */
import type { VideoCodec } from '../types.ts';

export interface PsParserStats {
  packs: number;
  /** MPEG-1 style pack headers (ISO/IEC 11172-1), read and skipped. */
  mpeg1Packs: number;
  programStreamMaps: number;
  videoPes: number;
  /** Audio, private, padding and unselected video PES packets. */
  skippedPes: number;
  /** Headers that made no sense (bad lengths, MPEG-1 PES, a PSM too large): skipped. */
  malformed: number;
  /** Bytes skipped while looking for the next start code. */
  resyncBytes: number;
}

export interface PesTimes {
  /** 90 kHz, 33 bits. */
  pts?: number;
  dts?: number;
}

export interface PsSink {
  /** A video PES packet begins: its times (if any) and whether it starts at a fresh data alignment. */
  pesStart(times: PesTimes): void;
  /** Payload bytes of the current video PES packet (a view: used before `push` returns, or copied). */
  pesData(data: Buffer): void;
  /** The program stream map named the video codec (stream_type 0x1B or 0x24). */
  codec(codec: VideoCodec): void;
}

/** PSM stream types (ISO/IEC 13818-1 Table 2-34; GB/T 28181-2022 Annex C). */
const STREAM_TYPES: Record<number, VideoCodec> = { 0x1b: 'h264', 0x24: 'h265' };
/** The largest header kept across pieces: a PSM is at most 1 018 + 6 bytes (§2.5.4.2). */
const MAX_HEADER = 1030;
const PACK = 0xba;
const SYSTEM_HEADER = 0xbb;
const PSM = 0xbc;
const END = 0xb9;

const enum Mode {
  Header,
  Payload,
  Skip,
  Scan,
}

export class PsParser {
  readonly stats: PsParserStats = { packs: 0, mpeg1Packs: 0, programStreamMaps: 0, videoPes: 0, skippedPes: 0, malformed: 0, resyncBytes: 0 };
  private mode = Mode.Scan;
  /** Bytes of a header cut by the end of a piece (at most MAX_HEADER). */
  private carry: Buffer | undefined;
  private remaining = 0;
  /** The video stream id chosen (PSM, or the first video PES), 0 until known. */
  private videoId = 0;

  constructor(private readonly sink: PsSink) {}

  /** Reads a piece of the stream. */
  push(piece: Buffer): void {
    let data = piece;
    if (this.carry) {
      data = Buffer.concat([this.carry, piece]);
      this.carry = undefined;
    }
    let at = 0;
    const length = data.length;
    while (at < length) {
      if (this.mode === Mode.Payload || this.mode === Mode.Skip) {
        const n = Math.min(this.remaining, length - at);
        if (this.mode === Mode.Payload) this.sink.pesData(data.subarray(at, at + n));
        at += n;
        this.remaining -= n;
        if (this.remaining === 0) this.mode = Mode.Header;
        continue;
      }
      if (this.mode === Mode.Scan) {
        const found = findSystemStartCode(data, at);
        if (found < 0) {
          // Keep the last bytes: a start code may straddle the pieces.
          const keep = Math.min(3, length - at);
          this.stats.resyncBytes += length - at - keep;
          if (keep > 0) this.carry = Buffer.from(data.subarray(length - keep));
          return;
        }
        this.stats.resyncBytes += found - at;
        at = found;
        this.mode = Mode.Header;
      }
      const used = this.header(data, at);
      if (used === 0) {
        // Incomplete (every header is shorter than MAX_HEADER): wait for the next piece.
        this.carry = Buffer.from(data.subarray(at));
        return;
      }
      at += used;
    }
  }

  /** Data was lost: whatever is open is abandoned and reading starts again at the next start code. */
  lose(): void {
    this.carry = undefined;
    this.remaining = 0;
    this.mode = Mode.Scan;
  }

  /** Reads the header at `at`; returns the bytes it took, or 0 when more are needed. */
  private header(data: Buffer, at: number): number {
    const left = data.length - at;
    if (left < 4) return 0;
    if (data[at] !== 0 || data[at + 1] !== 0 || data[at + 2] !== 1 || data[at + 3]! < END) return this.bad();
    const id = data[at + 3]!;
    if (id === END) return 4;
    if (id === PACK) return this.pack(data, at, left);
    if (left < 6) return 0;
    const pesLength = data.readUInt16BE(at + 4);
    if (id === PSM) {
      if (pesLength > MAX_HEADER - 6) return this.bad();
      if (left < 6 + pesLength) return 0;
      this.programStreamMap(data.subarray(at + 6, at + 6 + pesLength));
      return 6 + pesLength;
    }
    const video = id >= 0xe0 && id <= 0xef;
    if (!video || id === SYSTEM_HEADER || (this.videoId !== 0 && id !== this.videoId)) {
      if (id !== SYSTEM_HEADER) this.stats.skippedPes++;
      return this.skip(6, pesLength);
    }
    if (left < 9) return 0;
    // MPEG-1 PES headers (no '10' marker) are not what GB/T 28181 devices send: skipped.
    if ((data[at + 6]! & 0xc0) !== 0x80 || pesLength === 0) {
      this.stats.malformed++;
      return this.skip(6, pesLength);
    }
    const headerLength = data[at + 8]!;
    if (3 + headerLength > pesLength) return this.bad();
    if (left < 9 + headerLength) return 0;
    this.videoId = id;
    this.stats.videoPes++;
    this.sink.pesStart(readTimes(data, at + 9, data[at + 7]! >>> 6, headerLength));
    this.remaining = pesLength - 3 - headerLength;
    this.mode = this.remaining > 0 ? Mode.Payload : Mode.Header;
    return 9 + headerLength;
  }

  private pack(data: Buffer, at: number, left: number): number {
    if (left < 5) return 0;
    if ((data[at + 4]! & 0xf0) === 0x20) {
      this.stats.mpeg1Packs++;
      return left < 12 ? 0 : 12;
    }
    if ((data[at + 4]! & 0xc0) !== 0x40) return this.bad();
    if (left < 14) return 0;
    const total = 14 + (data[at + 13]! & 0x07);
    if (left < total) return 0;
    this.stats.packs++;
    return total;
  }

  private programStreamMap(body: Buffer): void {
    this.stats.programStreamMaps++;
    if (body.length < 6) return void this.stats.malformed++;
    const infoLength = body.readUInt16BE(2);
    let at = 4 + infoLength;
    if (at + 2 > body.length) return void this.stats.malformed++;
    const end = Math.min(body.length - 4, at + 2 + body.readUInt16BE(at));
    at += 2;
    while (at + 4 <= end) {
      const type = body[at]!;
      const id = body[at + 1]!;
      const codec = STREAM_TYPES[type];
      if (codec && id >= 0xe0 && id <= 0xef) {
        this.videoId = id;
        this.sink.codec(codec);
        return;
      }
      at += 4 + body.readUInt16BE(at + 2);
    }
  }

  private skip(headerBytes: number, length: number): number {
    this.remaining = length;
    this.mode = length > 0 ? Mode.Skip : Mode.Header;
    return headerBytes;
  }

  /** A header that makes no sense: look for the next start code after its first byte. */
  private bad(): number {
    this.stats.malformed++;
    this.mode = Mode.Scan;
    return 1;
  }

}

/** The next 00 00 01 xx with xx ≥ 0xB9 at or after `from`, or -1. */
function findSystemStartCode(data: Buffer, from: number): number {
  let i = data.indexOf(0x01, from + 2);
  while (i >= 0 && i + 1 < data.length) {
    if (data[i - 1] === 0 && data[i - 2] === 0 && data[i + 1]! >= END) return i - 2;
    i = data.indexOf(0x01, i + 1);
  }
  return -1;
}

/** PTS/DTS of an MPEG-2 PES header (§2.4.3.7); marker bits are not checked (devices get them wrong). */
function readTimes(data: Buffer, at: number, flags: number, headerLength: number): PesTimes {
  if (flags === 2 && headerLength >= 5) return { pts: readTime(data, at) };
  if (flags === 3 && headerLength >= 10) return { pts: readTime(data, at), dts: readTime(data, at + 5) };
  return {};
}

function readTime(data: Buffer, at: number): number {
  const high = (data[at]! >>> 1) & 0x07;
  const mid = ((data[at + 1]! << 7) | (data[at + 2]! >>> 1)) & 0x7fff;
  const low = ((data[at + 3]! << 7) | (data[at + 4]! >>> 1)) & 0x7fff;
  return high * 2 ** 30 + mid * 2 ** 15 + low;
}
