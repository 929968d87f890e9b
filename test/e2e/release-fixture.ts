/**
 * The clip the public-release browser test records and releases, with its ground truth: the synthetic
 * street of test/fixtures/redaction (faces and blue, yellow and green Chinese plates moving over a
 * scene with two shop signs carrying organisation names, TEXT ground truth; 1280×720 at 25 fps, two
 * segments), made by scripts/make-redaction-clips.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Box } from './release-pixels.ts';

const DIR = path.resolve(import.meta.dirname, '../fixtures/redaction/street');

interface Truth {
  width: number;
  height: number;
  fps: number;
  segments: string[];
  objects: { id: string; kind: string }[];
  truth: ({ id: string } & Box)[][];
}

export interface TruthBox {
  frame: number;
  kind: string;
  box: Box;
}

const truth = (): Truth => JSON.parse(readFileSync(path.join(DIR, 'truth.json'), 'utf8')) as Truth;

export const releaseClip = {
  /** The segment files, in time order. */
  files: (): string[] => truth().segments.map((s) => path.join(DIR, s)),
  /** Every ground-truth box on every `every`th frame. */
  groundTruth(every = 10): TruthBox[] {
    const t = truth();
    const kind = new Map(t.objects.map((o) => [o.id, o.kind]));
    return t.truth.flatMap((boxes, frame) => (frame % every === 0 ? boxes.map(({ id, ...box }) => ({ frame, kind: `${kind.get(id) ?? 'OTHER'} ${id}`, box })) : []));
  },
  /** Building windows no detector marks: where the editor's hand-drawn box goes. */
  freeBox: (): Box => ({ x: 12, y: 300, w: 110, h: 110 }),
  /** Building windows far from every box at frame 0: the picture the release leaves as it was. */
  controlBox: (): Box => ({ x: 330, y: 140, w: 180, h: 130 }),
};
