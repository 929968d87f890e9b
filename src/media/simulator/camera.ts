/** One simulated camera: its clip, packetized once, its fault and its counters. */
import type { VideoCodec } from '../types.ts';
import type { Clip } from './clip.ts';
import type { Fault } from './faults.ts';
import { packetizeClip, type PacketizedFrame } from './packetizer.ts';

export interface CameraStats {
  /** Sessions playing now. */
  playing: number;
  framesSent: number;
  /** Frames not sent because the client could not keep up (its socket buffer was full). */
  framesDropped: number;
  packetsGarbled: number;
  bytesSent: number;
  /** Connections closed by the drop fault. */
  drops: number;
  /**
   * Where this camera's frames were not sent (client too slow, the simulator itself late, a stall):
   * wall-clock spans (Date.now() ms) from the first frame not sent to the next frame sent, newest last.
   */
  dropSpans: { fromMs: number; toMs: number | null; frames: number }[];
}

export type DropSpan = CameraStats['dropSpans'][number];

/** The newest spans kept per camera. */
export const MAX_DROP_SPANS = 1000;

/** Starts a span of frames not sent at `fromMs`, dropping the oldest beyond MAX_DROP_SPANS. */
export function openDropSpan(stats: CameraStats, fromMs: number): DropSpan {
  const span: DropSpan = { fromMs, toMs: null, frames: 0 };
  stats.dropSpans.push(span);
  if (stats.dropSpans.length > MAX_DROP_SPANS) stats.dropSpans.splice(0, stats.dropSpans.length - MAX_DROP_SPANS);
  return span;
}

export interface SimCamera {
  /** 1-based, as in /cam/N. */
  number: number;
  codec: VideoCodec;
  clip: Clip;
  frames: PacketizedFrame[];
  fault: Fault | null;
  /** Added to the NTP time of its RTCP sender reports: a camera whose clock is wrong by this much. */
  clockOffsetMs: number;
  stats: CameraStats;
  /** Counts clip switches (setClip): a playing session starts the new clip from its first frame. */
  clipEpoch: number;
}

/** Packetizing is done once per clip and shared by the cameras that play it. */
export function makeCamera(number: number, clip: Clip, frames: PacketizedFrame[] = packetizeClip(clip)): SimCamera {
  return {
    number,
    codec: clip.codec,
    clip,
    frames,
    fault: null,
    clockOffsetMs: 0,
    clipEpoch: 0,
    stats: { playing: 0, framesSent: 0, framesDropped: 0, packetsGarbled: 0, bytesSent: 0, drops: 0, dropSpans: [] },
  };
}
