/**
 * Redaction throughput and quality (issue 12, Benchmark): a synthetic 720p25 clip of ~10 s (five 2 s
 * fragmented-MP4 segments, five faces and five Chinese plates moving, two of them small and two
 * entering from the picture's edges, two shop signs with organisation names, made by
 * scripts/make-redaction-clips.ts into a temporary folder), detected and rendered by the engine the
 * release workflow uses. Prints ONE JSON line: frames per second and real-time factor of
 * detect+render (wall clock), the cores and workers used, face, plate and sign-text recall against the ground
 * truth (an object counts as obscured when ≥ 90 % of its box is under the mask in every frame), false
 * boxes per frame and `leftReadable` (frames where some ground-truth box is under 90 % covered).
 * Goals: ≥ 1× real time at 720p on 2 cores, ≥ 95 % recall, leftReadable 0.
 *
 *   npm run bench:redaction
 *   BENCH_SECONDS=10 BENCH_EVERY_NTH=10 BENCH_WORKERS=2 BENCH_PRESET=veryfast npm run bench:redaction
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeRedactionClip } from '../scripts/make-redaction-clips.ts';
import { createRedactionEngine } from '../src/redaction/engine.ts';
import { loadTruth, score } from '../test/redaction/ground-truth.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const everyNth = process.env.BENCH_EVERY_NTH ? Number(process.env.BENCH_EVERY_NTH) : undefined;
const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const preset = process.env.BENCH_PRESET;
const marginRatio = 0.25;
/** Besides three faces and three plates: a small face and plate, two objects entering from the edges and two shop signs (BENCH_PLAIN=1: without). */
const busy = process.env.BENCH_PLAIN !== '1';

/** CPU seconds of this process's finished children (ffmpeg, ffprobe), from /proc (Linux; 0 elsewhere). */
function childCpuS(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    // After the command name: state is field 3, so cutime (16) and cstime (17) sit at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}
const dir = mkdtempSync(path.join(tmpdir(), 'custos-bench-redaction-'));

try {
  await makeRedactionClip({ outDir: dir, seconds, segmentSeconds: 2, crf: 23, busy });
  const truth = loadTruth(dir);
  const engine = createRedactionEngine(preset ? { encode: { preset } } : {});
  const load = loadavg()[0];
  const cpu0 = process.cpuUsage();
  const child0 = childCpuS();
  const t0 = performance.now();
  const detected = await engine.detect(truth.inputs, { everyNth, workers });
  const t1 = performance.now();
  const released = await engine.render(truth.inputs, detected.tracks, path.join(dir, 'released.mp4'), { marginRatio });
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const childS = childCpuS() - child0;
  const s = score(truth, detected.tracks, marginRatio);
  const wallS = (t2 - t0) / 1000;
  const share = (r: { hit: number; total: number } | undefined) => (r && r.total ? Number((r.hit / r.total).toFixed(3)) : null);
  const result = {
    bench: 'redaction',
    clip: `${truth.width}x${truth.height}@${truth.fps} ${seconds}s synthetic, ${truth.inputs.length} segments, ${truth.objects.length} objects`,
    frames: released.frames,
    fps: Number((released.frames / wallS).toFixed(1)),
    realtime: Number((detected.durationS / wallS).toFixed(2)),
    detectS: Number(((t1 - t0) / 1000).toFixed(2)),
    renderS: Number(((t2 - t1) / 1000).toFixed(2)),
    nodeCpuS: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
    ffmpegCpuS: Number(childS.toFixed(1)),
    // What the CPU time alone allows on idle cores (no other load, perfect spread): an estimate, not a measurement.
    cpuBoundRealtimeOnCores: Number((detected.durationS / ((cpu.user + cpu.system) / 1e6 + childS) * availableParallelism()).toFixed(2)),
    cores: availableParallelism(),
    workers,
    everyNth: detected.detectors.everyNth,
    plateEveryNth: detected.detectors.plateEveryNth,
    preset: (released.parameters.encoder as { preset: string }).preset,
    faceRecall: share(s.obscured.FACE),
    plateRecall: share(s.obscured.PLATE),
    textRecall: share(s.obscured.TEXT),
    faceFoundPerFrame: share(s.found.FACE),
    plateFoundPerFrame: share(s.found.PLATE),
    textFoundPerFrame: share(s.found.TEXT),
    falseBoxesPerFrame: Number(s.falseBoxesPerFrame.toFixed(2)),
    leftReadable: s.leftReadable,
    minCoverage: Number(s.minCoverage.toFixed(3)),
    tracks: detected.tracks.length,
    loadAvg1mBefore: Number(load?.toFixed(2)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
