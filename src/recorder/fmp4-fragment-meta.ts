/**
 * What the fallback recorder needs from someone else's fMP4 (ffmpeg's): the stream's codec, size and
 * timescale from the init segment, and per fragment its decode time, frame count, duration and
 * whether it starts on a keyframe (the first sample's sync flag: trun, then tfhd, then trex).
 */
import { scanBoxes, type Box } from '../recording/box-scan.ts';
import { parseFragment, parseInit, type InitInfo } from '../recording/fmp4-meta.ts';

export interface StreamInit extends InitInfo {
  timescale: number;
  width: number | null;
  height: number | null;
  /** trex default_sample_flags. */
  defaultFlags: number;
}

export interface FragmentTiming {
  /** tfdt, in timescale units. */
  decodeTime: number;
  duration: number;
  frames: number;
  keyframe: boolean;
}

const NON_SYNC = 0x0001_0000;

function find(buf: Buffer, parent: Box | undefined, ...types: string[]): Box | undefined {
  let box = parent;
  for (const type of types) box = box ? scanBoxes(buf, box.start + box.headerSize, box.end).find((b) => b.type === type) : undefined;
  return box;
}

function u32(buf: Buffer, at: number, box: Box): number | null {
  return at + 4 <= box.end ? buf.readUInt32BE(at) : null;
}

/** Null when the init segment has no usable video track. */
export function readStreamInit(init: Buffer): StreamInit | null {
  const info = parseInit(init);
  if (!info.timescale) return null;
  const moov = scanBoxes(init).find((b) => b.type === 'moov');
  const trex = find(init, moov, 'mvex', 'trex');
  const stsd = find(init, moov, 'trak', 'mdia', 'minf', 'stbl', 'stsd');
  const entry = stsd ? scanBoxes(init, stsd.start + stsd.headerSize + 8, stsd.end)[0] : undefined;
  const size = entry && entry.start + 36 <= entry.end ? { width: init.readUInt16BE(entry.start + 32), height: init.readUInt16BE(entry.start + 34) } : null;
  return {
    ...info,
    timescale: info.timescale,
    width: size?.width ?? null,
    height: size?.height ?? null,
    defaultFlags: (trex && u32(init, trex.start + trex.headerSize + 20, trex)) ?? 0,
  };
}

/** Null when the fragment does not parse. */
export function readFragmentTiming(data: Buffer, moofOffset: number, init: StreamInit): FragmentTiming | null {
  const moof = scanBoxes(data, moofOffset).find((b) => b.type === 'moof');
  if (!moof) return null;
  const counts = parseFragment(data, moof, init);
  const traf = find(data, moof, 'traf');
  const tfdt = find(data, traf, 'tfdt');
  if (!counts || !traf || !tfdt) return null;
  const body = tfdt.start + tfdt.headerSize;
  const decodeTime = data[body] === 1 ? Number(data.readBigUInt64BE(body + 4)) : (u32(data, body + 4, tfdt) ?? 0);
  return { decodeTime, ...counts, keyframe: (firstSampleFlags(data, traf, init.defaultFlags) & NON_SYNC) === 0 };
}

function firstSampleFlags(buf: Buffer, traf: Box, trexFlags: number): number {
  const trun = find(buf, traf, 'trun');
  if (trun) {
    const body = trun.start + trun.headerSize;
    const flags = (u32(buf, body, trun) ?? 0) & 0xffffff;
    const afterCount = body + 8 + (flags & 0x01 ? 4 : 0);
    if (flags & 0x04) return u32(buf, afterCount, trun) ?? 0;
    if (flags & 0x400) return u32(buf, afterCount + (flags & 0x100 ? 4 : 0) + (flags & 0x200 ? 4 : 0), trun) ?? 0;
  }
  const tfhd = find(buf, traf, 'tfhd');
  if (tfhd) {
    const body = tfhd.start + tfhd.headerSize;
    const flags = (u32(buf, body, tfhd) ?? 0) & 0xffffff;
    if (flags & 0x20) {
      const at = body + 8 + (flags & 0x01 ? 8 : 0) + (flags & 0x02 ? 4 : 0) + (flags & 0x08 ? 4 : 0) + (flags & 0x10 ? 4 : 0);
      return u32(buf, at, tfhd) ?? 0;
    }
  }
  return trexFlags;
}
