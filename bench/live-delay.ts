/**
 * How long a live viewer waits for a keyframe: the recorder's fragmenter is fed a clip at 25 fps
 * (one picture every 40 ms, RTP timestamps = presentation times, decode order), and for each keyframe
 * this counts the pictures that arrive until its live chunk (default 200 ms) comes out, and until
 * the disk fragment (1 s) that starts with it does. Pure arithmetic on the fragmenter's output: no clock.
 *
 *   node --import tsx bench/live-delay.ts                  # the committed clips, one JSON line each
 *   node --import tsx bench/live-delay.ts clip.h264 ...    # other Annex B clips (B-frames welcome)
 */
import { readFileSync } from 'node:fs';
import { codecFromPath, DEFAULT_CLIPS, parseClip } from '../src/media/simulator/clip.ts';
import { Fragmenter, type FragmenterOutput } from '../src/recorder/fragmenter.ts';

const FRAME_MS = 40;
const FRAME_TICKS = 3600;

/** Pictures from each keyframe's arrival until the first output of `kind` that starts with it. */
function delays(file: string): { live: number[]; fragment: number[] } {
  const codec = codecFromPath(file);
  if (!codec) throw new Error(`${file}: name it .h264 or .h265`);
  const clip = parseClip(readFileSync(file), codec);
  const fragmenter = new Fragmenter({ segmentMs: 10_000, fragmentMs: 1000 });
  fragmenter.live = true;
  const waiting: { live: number[]; fragment: number[] } = { live: [], fragment: [] };
  const result: { live: number[]; fragment: number[] } = { live: [], fragment: [] };
  const take = (kind: 'live' | 'fragment', outs: FragmenterOutput[], at: number) => {
    for (const o of outs) {
      const starts = o.kind === 'live' ? o.meta.keyframe : o.kind === 'fragment' ? o.meta.keyframe : false;
      if (o.kind === kind && starts) result[kind].push(at - (waiting[kind].shift() as number));
    }
  };
  for (let loop = 0; loop < 3; loop++) {
    clip.frames.forEach((f, i) => {
      const k = loop * clip.frames.length + i;
      if (f.keyframe) {
        waiting.live.push(k);
        waiting.fragment.push(k);
      }
      const pts = loop * clip.frames.length + i + f.displayOffset;
      const outs = fragmenter.push({ codec, nalus: f.nalus, keyframe: f.keyframe, arrivalMs: 0, rtpTimestamp: pts * FRAME_TICKS }, clip.parameterSets, k * FRAME_MS);
      take('live', outs, k);
      take('fragment', outs, k);
    });
  }
  return result;
}

const files = process.argv.length > 2 ? process.argv.slice(2) : Object.values(DEFAULT_CLIPS);
for (const file of files) {
  const { live, fragment } = delays(file);
  const ms = (pictures: number[]) => [...new Set(pictures.map((p) => p * FRAME_MS))];
  console.log(JSON.stringify({ bench: 'live-delay', clip: file.split('/').at(-1), keyframes: live.length, liveChunkMs: ms(live), fragmentMs: ms(fragment) }));
}
