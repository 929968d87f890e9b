/**
 * A looping test clip: an Annex B file split into access units, played at a fixed frame rate.
 * Parameter sets are kept apart from the frames; the packetizer sends them in band before each keyframe.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../../shared/repo-root.ts';
import type { ParameterSets, VideoCodec } from '../types.ts';
import { displayOffsets } from './display-order.ts';
import { isKeyframeNal, nalRole, splitAnnexB, startsPicture } from './nal-units.ts';

export interface ClipFrame {
  /** NAL units without start codes; no parameter sets, no access unit delimiters. */
  nalus: Buffer[];
  keyframe: boolean;
  /** Frame intervals from its place in decode order to its place in display order (B-frames: not 0). */
  displayOffset: number;
}

export interface Clip {
  codec: VideoCodec;
  fps: number;
  frames: ClipFrame[];
  parameterSets: ParameterSets;
}

export async function loadClip(path: string, codec: VideoCodec, fps = 25): Promise<Clip> {
  return parseClip(await readFile(path), codec, fps);
}

export function parseClip(data: Buffer, codec: VideoCodec, fps = 25): Clip {
  const sets: ParameterSets = codec === 'h265' ? { codec, vps: [], sps: [], pps: [] } : { codec, sps: [], pps: [] };
  const frames: ClipFrame[] = [];
  let current: ClipFrame = { nalus: [], keyframe: false, displayOffset: 0 };
  let hasPicture = false;
  const finish = () => {
    if (hasPicture) frames.push(current);
    current = { nalus: [], keyframe: false, displayOffset: 0 };
    hasPicture = false;
  };
  for (const nal of splitAnnexB(data)) {
    const role = nalRole(codec, nal);
    if (role === 'vcl' ? hasPicture && startsPicture(codec, nal) : role !== 'other' && hasPicture) finish();
    if (role === 'vps' || role === 'sps' || role === 'pps') {
      const list = role === 'vps' ? (sets.vps ?? []) : sets[role];
      if (!list.some((known) => known.equals(nal))) list.push(nal);
    } else if (role !== 'aud') {
      current.nalus.push(nal);
      if (role === 'vcl') {
        hasPicture = true;
        if (isKeyframeNal(codec, nal)) current.keyframe = true;
      }
    }
  }
  finish();
  if (frames.length === 0) throw new Error(`the ${codec} clip holds no picture`);
  if (!frames[0]?.keyframe) throw new Error(`the ${codec} clip must start with a keyframe to loop`);
  if (sets.sps.length === 0 || sets.pps.length === 0 || (codec === 'h265' && !sets.vps?.length)) {
    throw new Error(`the ${codec} clip carries no parameter sets`);
  }
  displayOffsets(codec, sets, frames).forEach((offset, i) => {
    (frames[i] as ClipFrame).displayOffset = offset;
  });
  return { codec, fps, frames, parameterSets: sets };
}

/** Frame `k` counted from the start of play, across loops. */
export function clipFrame(clip: Clip, k: number): ClipFrame {
  return clip.frames[k % clip.frames.length] as ClipFrame;
}

/** 90 kHz offset of frame `k` (in decode order) from the start of play: keeps increasing across loops. */
export function frameTimestamp(clip: Clip, k: number): number {
  return Math.round((k * 90_000) / clip.fps);
}

/** The codec an Annex B file holds, from its name. */
export function codecFromPath(path: string): VideoCodec | undefined {
  if (/\.(h264|264|avc)$/i.test(path)) return 'h264';
  if (/\.(h265|265|hevc)$/i.test(path)) return 'h265';
  return undefined;
}

/** The small clips committed in the repository (scripts/make-clips.sh). */
export const DEFAULT_CLIPS: Record<VideoCodec, string> = {
  h264: path.join(REPO_ROOT, 'media/clips/testsrc-360p25.h264'),
  h265: path.join(REPO_ROOT, 'media/clips/testsrc-360p25.h265'),
};
