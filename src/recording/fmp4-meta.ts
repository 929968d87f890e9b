/**
 * What recovery needs to know about a segment when only the file is left: the codec and timescale
 * from the init segment, and the frame count and duration from each fragment's trun.
 * Malformed input gives nulls and zeros, never an exception.
 */
import { scanBoxes, type Box } from './box-scan.ts';

export interface InitInfo {
  codec: string | null;
  timescale: number | null;
  /** trex default_sample_duration, used when a fragment states none. */
  defaultDuration: number;
}

/** More samples than this in one fragment means the box is garbage, not a recording. */
const MAX_SAMPLES = 100_000;

export interface FragmentInfo {
  frames: number;
  /** In timescale units. */
  duration: number;
}

const CODECS: Record<string, string> = { avc1: 'h264', avc3: 'h264', hvc1: 'h265', hev1: 'h265', mp4a: 'aac' };

function u32(buf: Buffer, at: number, end: number): number | null {
  return at + 4 <= end ? buf.readUInt32BE(at) : null;
}

function child(buf: Buffer, parent: Box | undefined, type: string): Box | undefined {
  return parent ? scanBoxes(buf, parent.start + parent.headerSize, parent.end).find((b) => b.type === type) : undefined;
}

function path(buf: Buffer, from: Box | undefined, ...types: string[]): Box | undefined {
  return types.reduce<Box | undefined>((box, type) => child(buf, box, type), from);
}

export function parseInit(buf: Buffer, end = buf.length): InitInfo {
  const moov = scanBoxes(buf, 0, end).find((b) => b.type === 'moov');
  const trak = child(buf, moov, 'trak');
  const mdhd = path(buf, trak, 'mdia', 'mdhd');
  let timescale: number | null = null;
  if (mdhd) {
    const body = mdhd.start + mdhd.headerSize;
    timescale = u32(buf, body + (buf[body] === 1 ? 20 : 12), mdhd.end);
  }
  const stsd = path(buf, trak, 'mdia', 'minf', 'stbl', 'stsd');
  const entry = stsd ? scanBoxes(buf, stsd.start + stsd.headerSize + 8, stsd.end)[0] : undefined;
  const trex = path(buf, moov, 'mvex', 'trex');
  const defaultDuration = trex ? (u32(buf, trex.start + trex.headerSize + 12, trex.end) ?? 0) : 0;
  return { codec: entry ? (CODECS[entry.type] ?? entry.type) : null, timescale: timescale || null, defaultDuration };
}

/** Frames and duration of one traf (tfhd's default duration, then trun's per-sample ones); null when malformed. */
function parseTraf(buf: Buffer, traf: Box, fallbackDuration: number): FragmentInfo | null {
  const tfhd = child(buf, traf, 'tfhd');
  let defaultDuration = fallbackDuration;
  if (tfhd) {
    const body = tfhd.start + tfhd.headerSize;
    const flags = (u32(buf, body, tfhd.end) ?? 0) & 0xffffff;
    const at = body + 8 + (flags & 0x01 ? 8 : 0) + (flags & 0x02 ? 4 : 0);
    if (flags & 0x08) defaultDuration = u32(buf, at, tfhd.end) ?? defaultDuration;
  }
  let frames = 0;
  let duration = 0;
  for (const trun of scanBoxes(buf, traf.start + traf.headerSize, traf.end).filter((b) => b.type === 'trun')) {
    const body = trun.start + trun.headerSize;
    const flags = (u32(buf, body, trun.end) ?? 0) & 0xffffff;
    const count = u32(buf, body + 4, trun.end) ?? 0;
    const perSample = [0x100, 0x200, 0x400, 0x800].filter((f) => flags & f).length * 4;
    let at = body + 8 + (flags & 0x01 ? 4 : 0) + (flags & 0x04 ? 4 : 0);
    if (count === 0 || count > MAX_SAMPLES || at + count * perSample > trun.end) return null;
    frames += count;
    if (!(flags & 0x100)) duration += count * defaultDuration;
    else for (let i = 0; i < count; i++, at += perSample) duration += buf.readUInt32BE(at);
  }
  return frames > 0 && frames <= MAX_SAMPLES ? { frames, duration } : null;
}

/** The first track's frames and duration in the moof box `moof`; null when it does not parse. */
export function parseFragment(buf: Buffer, moof: Box, init: InitInfo): FragmentInfo | null {
  const traf = child(buf, moof, 'traf');
  return traf ? parseTraf(buf, traf, init.defaultDuration) : null;
}
