/** The synthetic clips' ground truth (scripts/make-redaction-clips.ts) and how a result is scored against it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClipTruth } from '../../scripts/make-redaction-clips.ts';
import type { Track } from '../../src/redaction/model.ts';
import { boxAt, coveredShare, iou, maskBoxesAt } from '../../src/redaction/track-math.ts';

export function loadTruth(dir: string): ClipTruth & { inputs: string[] } {
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as ClipTruth;
  return { ...truth, inputs: truth.segments.map((s) => path.join(dir, s)) };
}

export interface Score {
  /** Per kind: objects (counted once per frame) that some track found (IoU ≥ 0.3 with its box). */
  found: Record<string, { hit: number; total: number }>;
  /** Per kind: objects obscured in every frame (≥ 90 % of the box under the mask). */
  obscured: Record<string, { hit: number; total: number }>;
  /** Frames where some ground-truth box is less than 90 % covered. */
  leftReadable: number;
  /** Masked boxes that overlap no ground-truth box, per frame. */
  falseBoxesPerFrame: number;
  /** The least coverage of any ground-truth box in any frame. */
  minCoverage: number;
}

export function score(truth: ClipTruth, tracks: Track[], marginRatio: number): Score {
  const kindOf = new Map(truth.objects.map((o) => [o.id, o.kind]));
  const found: Score['found'] = {};
  const everyFrame = new Map<string, boolean>();
  let leftReadable = 0;
  let falseBoxes = 0;
  let minCoverage = 1;
  truth.truth.forEach((boxes, frame) => {
    const t = frame / truth.fps;
    const masks = maskBoxesAt(tracks, t, marginRatio, truth.width, truth.height);
    const raw = tracks.map((tr) => boxAt(tr, t)).filter((b) => b !== null);
    let readable = false;
    for (const b of boxes) {
      const kind = kindOf.get(b.id) ?? 'OTHER';
      const f = (found[kind] ??= { hit: 0, total: 0 });
      f.total++;
      if (raw.some((r) => iou(r, b) >= 0.3)) f.hit++;
      const cover = coveredShare(b, masks);
      minCoverage = Math.min(minCoverage, cover);
      if (cover < 0.9) {
        readable = true;
        everyFrame.set(b.id, false);
      } else if (!everyFrame.has(b.id)) everyFrame.set(b.id, true);
    }
    if (readable) leftReadable++;
    falseBoxes += masks.filter((m) => !boxes.some((b) => iou(m, b) > 0)).length;
  });
  const obscured: Score['obscured'] = {};
  for (const o of truth.objects) {
    const s = (obscured[o.kind] ??= { hit: 0, total: 0 });
    s.total++;
    if (everyFrame.get(o.id)) s.hit++;
  }
  return { found, obscured, leftReadable, falseBoxesPerFrame: falseBoxes / Math.max(1, truth.truth.length), minCoverage };
}
