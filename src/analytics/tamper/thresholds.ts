/**
 * The detector's thresholds at each sensitivity. Measured on the tamper clips (scripts/make-tamper-clips.sh):
 * a normal frame matches its reference's structure at 0.6–1.0, a moved one near 0; defocus leaves about
 * 20 % of the reference's sharpness, spray about 25 % of its contrast; a passer-by drops one frame to ~0.3.
 */
import type { TamperSensitivity } from './tamper-model.ts';

export interface TamperThresholds {
  /** Frames in a row that show a condition before it is reported (at 1 frame a second). */
  onsetFrames: number;
  /** Frames in a row without it before it ends. */
  clearFrames: number;
  /** Occlusion: at least this share of flat blocks, and dark or uniform. */
  flatShare: number;
  /** Below this mean (0–255) a frame is dark. */
  darkMean: number;
  /** Below this standard deviation a frame is uniform. */
  uniformStd: number;
  /** "No video": a synthetic colour, no noise at all, brighter than black (a blue screen is about 29 in grey). */
  noVideoStd: number;
  noVideoMean: number;
  /** Low detail: contrast (std) below this share of the reference's, and contrast for the light below lowDetailContrast of it. */
  lowDetailStd: number;
  lowDetailContrast: number;
  /** Defocus: sharpness below this share of the reference's (0.3: a drop of more than 70 %). */
  defocus: number;
  /** Scene change: structure match with the reference below this. */
  sceneMatch: number;
}

const COMMON = { clearFrames: 3, darkMean: 30, uniformStd: 4, noVideoStd: 1.5, noVideoMean: 20 };

export const THRESHOLDS: Record<TamperSensitivity, TamperThresholds> = {
  LOW: { ...COMMON, onsetFrames: 4, flatShare: 0.9, lowDetailStd: 0.25, lowDetailContrast: 0.4, defocus: 0.2, sceneMatch: 0.2 },
  MEDIUM: { ...COMMON, onsetFrames: 3, flatShare: 0.75, lowDetailStd: 0.35, lowDetailContrast: 0.5, defocus: 0.3, sceneMatch: 0.3 },
  HIGH: { ...COMMON, onsetFrames: 3, flatShare: 0.65, lowDetailStd: 0.45, lowDetailContrast: 0.6, defocus: 0.4, sceneMatch: 0.4 },
};
