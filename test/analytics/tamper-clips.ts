/**
 * The tamper clips (scripts/make-tamper-clips.sh) run through the real decoder and detector at one
 * keyframe a second of clip time: used by the clip tests and by `npm run bench:tamper`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { keyframeAnnexB } from '../../src/analytics/tamper/annex-b.ts';
import { TamperDetector } from '../../src/analytics/tamper/detector.ts';
import { KeyframeDecoder } from '../../src/analytics/tamper/keyframe-decoder.ts';
import type { TamperKind, TamperSensitivity } from '../../src/analytics/tamper/tamper-model.ts';
import { loadClip } from '../../src/media/simulator/clip.ts';
import { REPO_ROOT } from '../../src/shared/repo-root.ts';

/** Second of clip time at which each clip's change begins. */
export const ONSET_S = 10;
export const TAMPER_CLIPS: Record<string, TamperKind> = {
  covered: 'TAMPER_OCCLUSION',
  sprayed: 'TAMPER_LOW_DETAIL',
  defocused: 'TAMPER_DEFOCUS',
  moved: 'TAMPER_SCENE_CHANGE',
  'signal-lost': 'TAMPER_SIGNAL_LOST',
};
export const CLEAN_CLIPS = ['normal', 'ir-switch', 'lights', 'passer-by'];

export function makeTamperClips(dir: string): void {
  execFileSync(path.join(REPO_ROOT, 'scripts/make-tamper-clips.sh'), [dir], { stdio: 'inherit' });
}

export interface ClipRun {
  onsets: { kind: TamperKind; atS: number }[];
  keyframes: number;
  /** Detector time per frame (ms). */
  detectorMs: number[];
  /** CPU seconds: this process around decode + detect, and the ffmpeg decoder after its first picture. */
  cpuS: { node: number; ffmpeg: number };
  /** CPU seconds ffmpeg took to start and give its first picture (once per camera, not per second). */
  ffmpegStartS: number;
}

/** utime + stime of a process in seconds, from /proc (Linux); 0 elsewhere. */
function procCpuS(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export async function runClip(file: string, options: { sensitivity?: TamperSensitivity; ffmpegPath?: string } = {}): Promise<ClipRun> {
  const clip = await loadClip(file, 'h264');
  const decoder = new KeyframeDecoder({ ffmpegPath: options.ffmpegPath ?? 'ffmpeg', codec: 'h264' });
  const detector = new TamperDetector({ sensitivity: options.sensitivity ?? 'MEDIUM' });
  const run: ClipRun = { onsets: [], keyframes: 0, detectorMs: [], cpuS: { node: 0, ffmpeg: 0 }, ffmpegStartS: 0 };
  const cpu0 = process.cpuUsage();
  let ffmpegAfterFirst: number | undefined;
  const results: Promise<void>[] = [];
  for (const [n, frame] of clip.frames.entries()) {
    if (!frame.keyframe) continue;
    const atMs = (n / clip.fps) * 1000;
    // At most two keyframes in flight, as a camera's 1 s spacing would leave it.
    if (results.length >= 2) await results[results.length - 2];
    const decoded = decoder.decode(keyframeAnnexB(clip.parameterSets, frame.nalus));
    if (!decoded) throw new Error('the decoder skipped a keyframe');
    const previous = results[results.length - 1] ?? Promise.resolve();
    const judge = async () => {
      const [picture] = await Promise.all([decoded, previous]);
      ffmpegAfterFirst ??= procCpuS(decoder.pid);
      const t0 = performance.now();
      const { changes } = detector.push(picture, atMs);
      run.detectorMs.push(performance.now() - t0);
      for (const c of changes) if (c.state === 'onset') run.onsets.push({ kind: c.kind, atS: c.atMs / 1000 });
    };
    results.push(judge());
    run.keyframes++;
  }
  await Promise.all(results);
  const cpu = process.cpuUsage(cpu0);
  const ffmpegTotal = procCpuS(decoder.pid);
  run.ffmpegStartS = ffmpegAfterFirst ?? ffmpegTotal;
  run.cpuS = { node: (cpu.user + cpu.system) / 1e6, ffmpeg: ffmpegTotal - run.ffmpegStartS };
  decoder.close();
  return run;
}
