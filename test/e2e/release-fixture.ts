/**
 * The clip the public-release browser test records and releases, with its ground truth: one of the
 * synthetic clips of test/fixtures/redaction (faces and Chinese plates moving over a scene).
 * TODO(after merging redaction-engine): read the committed clip and ground truth.
 */
import type { Box } from './release-pixels.ts';

export interface TruthBox {
  frame: number;
  kind: string;
  box: Box;
}

export function releaseClip(): { file: string; groundTruth(): TruthBox[]; freeBox(clip: { width: number; height: number }): Box; controlBox(size: { width: number; height: number }): Box } {
  const file = process.env.CUSTOS_RELEASE_CLIP ?? '';
  return {
    file,
    groundTruth: () => [],
    freeBox: (clip) => ({ x: Math.round(clip.width * 0.05), y: Math.round(clip.height * 0.7), w: Math.round(clip.width * 0.12), h: Math.round(clip.height * 0.15) }),
    controlBox: (size) => ({ x: Math.round(size.width * 0.8), y: Math.round(size.height * 0.05), w: Math.round(size.width * 0.15), h: Math.round(size.height * 0.1) }),
  };
}
