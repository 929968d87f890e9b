/**
 * Detections on sampled frames → tracks. A detection joins the track whose predicted box (last box
 * moved by the track's velocity) it overlaps best, or whose centre it is near; a track survives up to
 * `maxMissed` samples without a detection (interpolation bridges the gap); every track is extended by
 * `extendS` before its first and after its last detection along its velocity, so that the frames
 * between samples around its ends are covered too. Pure: no Node imports.
 */
import type { Track, TrackKeyframe, TrackKind } from './model.ts';
import { type Box, iou } from './track-math.ts';

export interface SampleDetection extends Box {
  kind: TrackKind;
  score: number;
}

export interface Sample {
  /** Seconds from the clip's start. */
  t: number;
  detections: SampleDetection[];
}

export interface TrackerOptions {
  /** Samples a track may miss before it ends. */
  maxMissed?: number;
  /** Seconds each track is carried before its first and after its last detection. */
  extendS: number;
  /** The clip's duration: extensions stop at 0 and here. */
  durationS: number;
  frameW: number;
  frameH: number;
  /** Detections of one kind overlapping by more than this in one sample are merged (NMS). */
  nmsIou?: number;
}

interface Open {
  kind: TrackKind;
  keyframes: TrackKeyframe[];
  missed: number;
}

export function linkTracks(samples: readonly Sample[], options: TrackerOptions): Track[] {
  const maxMissed = options.maxMissed ?? 2;
  const ordered = [...samples].sort((a, b) => a.t - b.t);
  const open: Open[] = [];
  const done: Open[] = [];
  for (const sample of ordered) {
    const dets = suppress(sample.detections, options.nmsIou ?? 0.45);
    const pairs: { o: Open; d: SampleDetection; cost: number }[] = [];
    for (const o of open) {
      const pred = predict(o, sample.t);
      for (const d of dets) {
        if (d.kind !== o.kind) continue;
        const overlap = iou(pred, d);
        const dist = Math.hypot(pred.x + pred.w / 2 - (d.x + d.w / 2), pred.y + pred.h / 2 - (d.y + d.h / 2));
        const size = Math.max(pred.w, pred.h, d.w, d.h);
        const ratio = Math.max(pred.w / d.w, d.w / pred.w);
        // Without a velocity yet (one keyframe) the search reaches further.
        const reach = o.keyframes.length > 1 ? 0.8 : 1.2;
        if ((overlap >= 0.1 || dist <= reach * size) && ratio < 2.2) pairs.push({ o, d, cost: overlap > 0 ? 1 - overlap : 1 + dist / size });
      }
    }
    pairs.sort((a, b) => a.cost - b.cost);
    const usedO = new Set<Open>();
    const usedD = new Set<SampleDetection>();
    for (const { o, d } of pairs) {
      if (usedO.has(o) || usedD.has(d)) continue;
      usedO.add(o);
      usedD.add(d);
      o.keyframes.push({ t: sample.t, x: d.x, y: d.y, w: d.w, h: d.h });
      o.missed = 0;
    }
    for (let i = open.length - 1; i >= 0; i--) {
      const o = open[i] as Open;
      if (usedO.has(o)) continue;
      o.missed++;
      if (o.missed > maxMissed) {
        done.push(o);
        open.splice(i, 1);
      }
    }
    for (const d of dets) if (!usedD.has(d)) open.push({ kind: d.kind, keyframes: [{ t: sample.t, x: d.x, y: d.y, w: d.w, h: d.h }], missed: 0 });
  }
  done.push(...open);
  const counters = new Map<TrackKind, number>();
  return done
    .sort((a, b) => (a.keyframes[0] as TrackKeyframe).t - (b.keyframes[0] as TrackKeyframe).t)
    .map((o) => {
      const n = (counters.get(o.kind) ?? 0) + 1;
      counters.set(o.kind, n);
      return { id: `auto-${o.kind.toLowerCase()}-${n}`, kind: o.kind, source: 'AUTO' as const, keyframes: extend(o.keyframes, options) };
    });
}

/** Where the open track's box is expected at time t (last box plus velocity from the last two keyframes). */
function predict(o: Open, t: number): Box {
  const last = o.keyframes[o.keyframes.length - 1] as TrackKeyframe;
  const prev = o.keyframes[o.keyframes.length - 2];
  if (!prev || last.t <= prev.t) return last;
  const k = (t - last.t) / (last.t - prev.t);
  return { x: last.x + (last.x - prev.x) * k, y: last.y + (last.y - prev.y) * k, w: last.w, h: last.h };
}

function suppress(dets: readonly SampleDetection[], threshold: number): SampleDetection[] {
  const sorted = [...dets].sort((a, b) => b.score - a.score);
  const kept: SampleDetection[] = [];
  for (const d of sorted) if (!kept.some((k) => k.kind === d.kind && iou(k, d) > threshold)) kept.push(d);
  return kept;
}

function extend(kfs: TrackKeyframe[], options: TrackerOptions): TrackKeyframe[] {
  const first = kfs[0] as TrackKeyframe;
  const last = kfs[kfs.length - 1] as TrackKeyframe;
  const out = kfs.map((k) => ({ ...k }));
  const t0 = Math.max(0, first.t - options.extendS);
  if (t0 < first.t) out.unshift(shift(first, kfs[1], t0, options));
  const t1 = Math.min(options.durationS, last.t + options.extendS);
  if (t1 > last.t) out.push(shift(last, kfs[kfs.length - 2], t1, options));
  return out;
}

/** The keyframe `from` carried to time t along the velocity between it and `other` (or held still), kept in the frame. */
function shift(from: TrackKeyframe, other: TrackKeyframe | undefined, t: number, options: TrackerOptions): TrackKeyframe {
  let vx = 0;
  let vy = 0;
  if (other && other.t !== from.t) {
    vx = (from.x - other.x) / (from.t - other.t);
    vy = (from.y - other.y) / (from.t - other.t);
  }
  const dt = t - from.t;
  const x = Math.min(Math.max(from.x + vx * dt, -from.w / 2), options.frameW - from.w / 2);
  const y = Math.min(Math.max(from.y + vy * dt, -from.h / 2), options.frameH - from.h / 2);
  return { t, x, y, w: from.w, h: from.h };
}
