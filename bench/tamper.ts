/**
 * Tamper detection (issue 13, REG-23-2): every tamper clip of scripts/make-tamper-clips.sh through the
 * real ffmpeg keyframe decoder and the detector at one keyframe a second of clip time. Prints ONE JSON
 * line: per tamper kind the seconds from onset to alarm, false alarms per clean clip, the detector's ms
 * per frame (median, p99), and CPU per camera as % of one core at 1 keyframe a second (this process's
 * decode-and-detect work plus the ffmpeg decoder's, from /proc/<pid>/stat, over the clip's seconds, with
 * ffmpeg's start-up until its first picture reported apart: it is paid once per camera, not every second).
 * Goals: within 5 s, no false alarm, at most 0.5 % of a core per camera.
 *
 *   npm run bench:tamper
 *   BENCH_SENSITIVITY=HIGH npm run bench:tamper
 *   BENCH_HD=1 npm run bench:tamper     # also the CPU per camera for a 1080p 5 Mbit/s main stream
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TamperSensitivity } from '../src/analytics/tamper/tamper-model.ts';
import { CLEAN_CLIPS, makeTamperClips, ONSET_S, runClip, TAMPER_CLIPS } from '../test/analytics/tamper-clips.ts';

const sensitivity = (process.env.BENCH_SENSITIVITY ?? 'MEDIUM') as TamperSensitivity;
const dir = mkdtempSync(path.join(tmpdir(), 'custos-bench-tamper-'));
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

try {
  makeTamperClips(dir);
  const onsetToAlarmS: Record<string, number | null> = {};
  const wrongKinds: Record<string, string[]> = {};
  const falseAlarms: Record<string, number> = {};
  const detectorMs: number[] = [];
  let cpuS = 0;
  const ffmpegStartS: number[] = [];
  let clipS = 0;
  for (const [name, kind] of Object.entries(TAMPER_CLIPS)) {
    const run = await runClip(path.join(dir, `${name}.h264`), { sensitivity });
    const hit = run.onsets.find((o) => o.kind === kind);
    onsetToAlarmS[kind] = hit ? round(hit.atS - ONSET_S) : null;
    const others = run.onsets.filter((o) => o.kind !== kind).map((o) => o.kind);
    if (others.length) wrongKinds[name] = others;
    detectorMs.push(...run.detectorMs);
    cpuS += run.cpuS.node + run.cpuS.ffmpeg;
    ffmpegStartS.push(run.ffmpegStartS);
    clipS += run.keyframes;
  }
  for (const name of CLEAN_CLIPS) {
    const run = await runClip(path.join(dir, `${name}.h264`), { sensitivity });
    falseAlarms[name] = run.onsets.length;
    detectorMs.push(...run.detectorMs);
    cpuS += run.cpuS.node + run.cpuS.ffmpeg;
    ffmpegStartS.push(run.ffmpegStartS);
    clipS += run.keyframes;
  }
  let cpuPercent1080p: number | undefined;
  if (process.env.BENCH_HD === '1') {
    const hd = path.join(dir, 'hd.h264');
    const scene = 'testsrc2=size=1920x1080:rate=25:duration=20,noise=alls=12:allf=t+u:all_seed=4242,format=yuv420p';
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', scene, '-c:v', 'libx264', '-preset', 'veryfast', '-bf', '0', '-g', '25', '-keyint_min', '25', '-sc_threshold', '0', '-b:v', '5M', '-maxrate', '5M', '-bufsize', '5M', '-bsf:v', 'h264_mp4toannexb', '-f', 'h264', hd]);
    const run = await runClip(hd, { sensitivity });
    cpuPercent1080p = round(((run.cpuS.node + run.cpuS.ffmpeg) / run.keyframes) * 100, 3);
  }
  detectorMs.sort((a, b) => a - b);
  const at = (q: number) => round(detectorMs[Math.min(detectorMs.length - 1, Math.floor(q * detectorMs.length))]!, 3);
  const cpuPercent = round((cpuS / clipS) * 100, 3);
  const worst = Math.max(...Object.values(onsetToAlarmS).map((v) => v ?? Infinity));
  console.log(
    JSON.stringify({
      bench: 'tamper',
      sensitivity,
      clip: '640x360 H.264, 1 keyframe a second, tamper at 10 s',
      onsetToAlarmS,
      wrongKinds,
      falseAlarms,
      detectorMsPerFrame: { median: at(0.5), p99: at(0.99) },
      cpuPercentOfCorePerCamera: cpuPercent,
      ...(cpuPercent1080p === undefined ? {} : { cpuPercentOfCorePerCamera1080p: cpuPercent1080p }),
      ffmpegStartCpuS: round(ffmpegStartS.reduce((a, b) => a + b, 0) / ffmpegStartS.length, 3),
      goals: { withinFiveSeconds: worst <= 5, noFalseAlarm: Object.values(falseAlarms).every((n) => n === 0), cpuAtMostHalfPercent: cpuPercent <= 0.5 },
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
