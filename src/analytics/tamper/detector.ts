/**
 * The tamper detector for one camera: learns the camera's normal picture over its first frames, then
 * sorts each frame into at most one tamper condition and reports a condition once it has held for
 * `onsetFrames` frames in a row, and its end once it has been absent for `clearFrames`.
 * Occlusion and "no video" need no reference and are judged while learning too.
 */
import { FRAME_BYTES, frameFeatures, structureMap, structureMatch, type FrameFeatures } from './frame-features.ts';
import { TAMPER_KINDS, type TamperKind, type TamperReference, type TamperSensitivity } from './tamper-model.ts';
import { THRESHOLDS, type TamperThresholds } from './thresholds.ts';

export const LEARN_FRAMES = 10;

export interface DetectorChange {
  kind: TamperKind;
  state: 'onset' | 'cleared';
  atMs: number;
  /** On onset: the frame where the condition was first seen. */
  firstSeenMs?: number;
  details: Record<string, unknown>;
}

export interface DetectorResult {
  changes: DetectorChange[];
  /** Set on the frame that completed learning. */
  learned?: TamperReference;
}

interface Verdict {
  kind: TamperKind | null;
  figures: Record<string, number>;
}

interface Learning {
  sum: Float64Array;
  std: number;
  contrast: number;
  sharpness: number;
  frames: number;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

export class TamperDetector {
  private thresholds: TamperThresholds;
  private ref: (TamperReference & { map: Float32Array }) | undefined;
  private learning: Learning = freshLearning();
  private readonly seen = new Map<TamperKind, number>();
  private readonly missing = new Map<TamperKind, number>();
  private readonly active = new Set<TamperKind>();
  private readonly firstSeenMs = new Map<TamperKind, number>();

  constructor(o: { sensitivity: TamperSensitivity; reference?: TamperReference; learnFrames?: number }) {
    this.thresholds = THRESHOLDS[o.sensitivity];
    this.learnFrames = o.learnFrames ?? LEARN_FRAMES;
    if (o.reference) this.useReference(o.reference);
  }

  private readonly learnFrames: number;

  get reference(): TamperReference | undefined {
    return this.ref;
  }

  get activeKinds(): TamperKind[] {
    return TAMPER_KINDS.filter((k) => this.active.has(k));
  }

  setSensitivity(sensitivity: TamperSensitivity): void {
    this.thresholds = THRESHOLDS[sensitivity];
  }

  /** Forgets the reference and learns afresh; every open condition ends now. */
  relearn(atMs: number): DetectorChange[] {
    this.ref = undefined;
    this.learning = freshLearning();
    return this.endAll(atMs, 'relearn');
  }

  /** Every open condition ends now (detection turned off, or a re-learn); the reference is kept. */
  endAll(atMs: number, reason: string): DetectorChange[] {
    const ended = this.activeKinds.map((kind): DetectorChange => ({ kind, state: 'cleared', atMs, details: { reason } }));
    this.active.clear();
    this.seen.clear();
    this.missing.clear();
    return ended;
  }

  /** One keyframe's picture, or null when a keyframe came but no picture could be decoded from it. */
  push(frame: Uint8Array | null, atMs: number): DetectorResult {
    const verdict = frame ? this.judge(frame) : { kind: 'TAMPER_SIGNAL_LOST' as const, figures: { decoded: 0 } };
    const result: DetectorResult = { changes: this.track(verdict, atMs) };
    if (frame && !this.ref && verdict.kind === null) {
      const learned = this.learn(frame, atMs);
      if (learned) result.learned = learned;
    }
    return result;
  }

  private useReference(reference: TamperReference): void {
    if (reference.frame.length !== FRAME_BYTES) throw new RangeError('a tamper reference frame is 160×120 grey');
    this.ref = { ...reference, map: structureMap(reference.frame) };
  }

  private judge(frame: Uint8Array): Verdict {
    const t = this.thresholds;
    const f = frameFeatures(frame);
    const figures: Record<string, number> = { mean: round(f.mean), std: round(f.std), flatShare: round(f.flatShare), sharpness: round(f.sharpness) };
    if (f.std < t.noVideoStd && f.mean >= t.noVideoMean) return { kind: 'TAMPER_SIGNAL_LOST', figures };
    if (f.flatShare >= t.flatShare && (f.mean < t.darkMean || f.std < t.uniformStd)) return { kind: 'TAMPER_OCCLUSION', figures };
    const ref = this.ref;
    if (!ref) return { kind: null, figures };
    return this.judgeAgainst(frame, f, ref, figures);
  }

  private judgeAgainst(frame: Uint8Array, f: FrameFeatures, ref: TamperReference & { map: Float32Array }, figures: Record<string, number>): Verdict {
    const t = this.thresholds;
    const stdRatio = f.std / Math.max(ref.std, 1);
    const contrastRatio = f.std / Math.max(f.mean, 1) / Math.max(ref.contrast, 0.01);
    const sharpnessRatio = f.sharpness / Math.max(ref.sharpness, 1e-3);
    const match = structureMatch(structureMap(frame), ref.map);
    Object.assign(figures, { stdRatio: round(stdRatio), contrastRatio: round(contrastRatio), sharpnessRatio: round(sharpnessRatio), structureMatch: round(match) });
    const lit = f.mean >= t.darkMean;
    if (lit && stdRatio < t.lowDetailStd && contrastRatio < t.lowDetailContrast) return { kind: 'TAMPER_LOW_DETAIL', figures };
    if (lit && sharpnessRatio < t.defocus) return { kind: 'TAMPER_DEFOCUS', figures };
    if (match < t.sceneMatch) return { kind: 'TAMPER_SCENE_CHANGE', figures };
    return { kind: null, figures };
  }

  private track(verdict: Verdict, atMs: number): DetectorChange[] {
    const t = this.thresholds;
    const changes: DetectorChange[] = [];
    for (const kind of TAMPER_KINDS) {
      if (verdict.kind === kind) {
        this.missing.set(kind, 0);
        const seen = (this.seen.get(kind) ?? 0) + 1;
        this.seen.set(kind, seen);
        if (seen === 1) this.firstSeenMs.set(kind, atMs);
        if (seen >= t.onsetFrames && !this.active.has(kind)) {
          this.active.add(kind);
          const sinceMs = this.firstSeenMs.get(kind) ?? atMs;
          changes.push({ kind, state: 'onset', atMs, firstSeenMs: sinceMs, details: { ...verdict.figures, frames: seen, firstSeenAt: new Date(sinceMs).toISOString(), thresholds: t } });
        }
      } else {
        this.seen.set(kind, 0);
        if (!this.active.has(kind)) continue;
        const missing = (this.missing.get(kind) ?? 0) + 1;
        this.missing.set(kind, missing);
        if (missing >= t.clearFrames) {
          this.active.delete(kind);
          this.missing.set(kind, 0);
          changes.push({ kind, state: 'cleared', atMs, details: { ...verdict.figures, frames: missing } });
        }
      }
    }
    return changes;
  }

  private learn(frame: Uint8Array, atMs: number): TamperReference | undefined {
    const f = frameFeatures(frame);
    const l = this.learning;
    for (let i = 0; i < FRAME_BYTES; i++) l.sum[i]! += frame[i]!;
    l.std += f.std;
    l.contrast += f.std / Math.max(f.mean, 1);
    l.sharpness += f.sharpness;
    l.frames++;
    if (l.frames < this.learnFrames) return undefined;
    const mean = new Uint8Array(FRAME_BYTES);
    for (let i = 0; i < FRAME_BYTES; i++) mean[i] = Math.round(l.sum[i]! / l.frames);
    const reference: TamperReference = { frame: mean, std: l.std / l.frames, contrast: l.contrast / l.frames, sharpness: l.sharpness / l.frames, frames: l.frames, learnedAt: new Date(atMs).toISOString() };
    this.useReference(reference);
    this.learning = freshLearning();
    return reference;
  }
}

function freshLearning(): Learning {
  return { sum: new Float64Array(FRAME_BYTES), std: 0, contrast: 0, sharpness: 0, frames: 0 };
}
