/**
 * The recorder benchmark: Custos (one Node process) against one `ffmpeg -c copy -f segment` per
 * camera, side by side on the same simulated 1080p H.264 streams (~5 Mbit/s, 25 fps).
 *
 *   npm run bench:recorder -- --streams 8 --seconds 30         # a JSON line per side, then the ratios
 *   npm run bench:recorder -- --streams 32 --seconds 60 --load 8
 *   npm run bench:recorder -- --ceiling --seconds 20 --budget 300
 *
 * Everything a line counts is within the measured window [t0, t1] after the warm-up, per side:
 * framesExpected (cameras × 25 fps × window), framesRecorded (Custos: its segment index read after it
 * stopped, segments straddling t0/t1 prorated by time; ffmpeg: each process's `-progress` count at t0
 * and t1), secondsMissing (per camera, the window less its recorded media time, summed; worstCamera the
 * largest), reconnects (Custos: its status at t1 less t0; ffmpeg: a process that exited or whose count
 * stood still 5 s) and camerasShort (cameras missing more than one 1 s fragment). "clean" only when no
 * camera is short, nothing reconnected, and frames were recorded. CPU is given per stream-hour and per
 * recorded frame (cpuMsPerRecordedFrame): a side that records less must not look cheaper; the ratio
 * line prints both ratios and meets its goal only when both sides are clean. detail.atWindowEnd is the
 * status at t1, before the drain closes the simulator (after it every client has lost its camera);
 * detail.afterStop holds whole-run figures.
 *
 * Options: --warmup S (default 5), --workers W (Custos recorder threads; default: one per core, as
 * the product's 'auto'; 0 records in the main thread), --sides custos,ffmpeg, --segment S (10).
 * --load N starts N busy-loop processes (`node -e 'for(;;){}'`) before the first warm-up and keeps them
 * to the end, so that both sides run under the same load; every line says it (load: hogs, cores, load
 * average and runnable threads at t0 and t1). The simulated cameras (other machines in real life) run at
 * nice −10 where permitted, so that the load does not make them late (detail.simulatorNice; 0: not raised).
 * --ceiling raises N over --steps (16,32,64,128,256,320,384,448,512), each side stopping at its first
 * step that is not clean, and stops by itself within --budget seconds. The ffmpeg side stops above
 * --ffmpeg-max streams (default 64: hundreds of ffmpeg processes would only crowd the Custos side off
 * this machine's cores and take most of the time); the steps above it run Custos alone, and say so.
 *
 *   npm run bench:recorder -- --source gb28181 --streams 16 --seconds 20
 *
 * --source gb28181 compares, in the same run, Custos recording the streams by RTSP ('custos') with
 * Custos recording the same clip sent as GB/T 28181 PS over RTP (UDP) to as many GbCameraRecorders
 * ('gb'), each INVITEd through an in-bench broker that starts a sender: a JSON line per side, then
 * the CPU ratio gb/rtsp (goal ≤ 1.2). --gb-transport tcp-passive|tcp-active sends PS over TCP instead.
 * --sides gb (or custos) runs one side alone. --rtsp-transport udp has the RTSP side take RTP over UDP
 * too, so that both sides pay the same per-datagram cost (default tcp: interleaved, as cameras mostly run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { startHogs } from './recorder-load.ts';
import { runOnce, type Side, type SideResult } from './recorder-run.ts';
import type { GbMediaTransport } from '../src/gb28181/media-session.ts';

const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    workers: { type: 'string', default: String(availableParallelism()) },
    sides: { type: 'string', default: 'custos,ffmpeg' },
    segment: { type: 'string', default: '10' },
    ceiling: { type: 'boolean', default: false },
    steps: { type: 'string', default: '16,32,64,128,256,320,384,448,512' },
    budget: { type: 'string', default: '300' },
    'ffmpeg-max': { type: 'string', default: '64' },
    source: { type: 'string', default: 'rtsp' },
    'gb-transport': { type: 'string', default: 'udp' },
    'rtsp-transport': { type: 'string', default: 'tcp' },
    load: { type: 'string', default: '0' },
  },
});

const clip = new URL('../data/clips/testsrc-1080p25.h264', import.meta.url).pathname;
if (!existsSync(clip)) {
  console.error('bench: making the 1080p bench clip (about a minute)');
  const made = spawnSync('sh', [new URL('../scripts/make-clips.sh', import.meta.url).pathname, '--bench'], { stdio: ['ignore', 2, 2] });
  if (made.status !== 0) throw new Error('scripts/make-clips.sh --bench failed');
}

const gbMode = values.source === 'gb28181';
if (!gbMode && values.source !== 'rtsp') throw new Error('--source is rtsp or gb28181');
const sides: Side[] = gbMode
  ? values.sides === 'custos,ffmpeg'
    ? ['custos', 'gb']
    : values.sides.split(',').filter((s): s is Side => s === 'custos' || s === 'gb')
  : values.sides.split(',').filter((s): s is Side => s === 'custos' || s === 'ffmpeg');
const base = {
  seconds: Number(values.seconds),
  warmupSeconds: Number(values.warmup),
  clip,
  workers: Number(values.workers),
  segmentSeconds: Number(values.segment),
  gbTransport: values['gb-transport'] as GbMediaTransport,
  rtspTransport: values['rtsp-transport'] as 'tcp' | 'udp',
  hogs: Number(values.load),
};
if (!Number.isInteger(base.hogs) || base.hogs < 0) throw new Error('--load is a number of busy-loop processes (0 or more)');
if (!['udp', 'tcp-passive', 'tcp-active'].includes(base.gbTransport)) throw new Error('--gb-transport is udp, tcp-passive or tcp-active');
if (!['udp', 'tcp'].includes(base.rtspTransport)) throw new Error('--rtsp-transport is tcp or udp');
const print = (line: object) => console.log(JSON.stringify(line));
await startHogs(base.hogs);
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? Number((a / b).toFixed(3)) : null);

function printRatios(results: Partial<Record<Side, SideResult>>): void {
  const { custos, ffmpeg, gb } = results;
  if (custos && gb) {
    const cpu = ratio(gb.cpuSecondsPerStreamHour, custos.cpuSecondsPerStreamHour);
    const memory = ratio(gb.pssMBPerStream, custos.pssMBPerStream);
    const cpuPerRecordedFrame = ratio(gb.cpuMsPerRecordedFrame ?? undefined, custos.cpuMsPerRecordedFrame ?? undefined);
    print({ bench: 'recorder-gb-ratio', streams: gb.streams, gbTransport: base.gbTransport, rtspTransport: base.rtspTransport, cpu, cpuPerRecordedFrame, memory, goal: { cpu: 1.2 }, met: { cpu: cpu !== null && cpu <= 1.2 }, clean: { rtsp: custos.clean, gb28181: gb.clean }, load: gb.load });
  }
  if (!custos || !ffmpeg) return;
  const cpu = ratio(custos.cpuSecondsPerStreamHour, ffmpeg.cpuSecondsPerStreamHour);
  const cpuPerRecordedFrame = ratio(custos.cpuMsPerRecordedFrame ?? undefined, ffmpeg.cpuMsPerRecordedFrame ?? undefined);
  const memory = ratio(custos.pssMBPerStream, ffmpeg.pssMBPerStream);
  // A ratio of a side that did not record the window is no comparison: met only when both are clean.
  const bothClean = custos.clean && ffmpeg.clean;
  print({
    bench: 'recorder-ratio',
    streams: custos.streams,
    cpu,
    cpuPerRecordedFrame,
    memory,
    goal: { cpu: 0.3, memory: 0.15 },
    met: { cpu: bothClean && cpu !== null && cpu <= 0.3 && cpuPerRecordedFrame !== null && cpuPerRecordedFrame <= 0.3, memory: bothClean && memory !== null && memory <= 0.15 },
    clean: { custos: custos.clean, ffmpeg: ffmpeg.clean },
    load: custos.load,
  });
}

if (!values.ceiling) {
  const results = await runOnce({ ...base, streams: Number(values.streams), sides });
  for (const side of sides) print(results[side]!);
  printRatios(results);
} else {
  const deadline = Date.now() + Number(values.budget) * 1000;
  const clean: Record<Side, number> = { custos: 0, ffmpeg: 0, gb: 0 };
  let active = [...sides];
  let stoppedBecause = 'steps exhausted';
  let lastMs = 0;
  const ffmpegMax = Number(values['ffmpeg-max']);
  let ffmpegCappedAt: number | null = null;
  for (const streams of values.steps.split(',').map(Number)) {
    if (streams > ffmpegMax && active.includes('ffmpeg')) {
      active = active.filter((side) => side !== 'ffmpeg');
      ffmpegCappedAt = ffmpegMax;
      print({ bench: 'recorder-note', note: `ffmpeg side capped at ${ffmpegMax} streams (--ffmpeg-max): from ${streams} streams on, Custos runs alone and no ratio is printed` });
    }
    if (active.length === 0) {
      stoppedBecause = 'every side was unclean';
      break;
    }
    // The next step takes at least as long as the last, and usually longer: stop before the budget runs out.
    const expectedMs = Math.max(lastMs * 1.3, (base.seconds + base.warmupSeconds + 10) * 1000);
    if (Date.now() + expectedMs > deadline) {
      stoppedBecause = `time budget (${values.budget} s)`;
      break;
    }
    const started = Date.now();
    const results = await runOnce({ ...base, streams, sides: active });
    lastMs = Date.now() - started;
    for (const side of active) print(results[side]!);
    printRatios(results);
    for (const side of active) if (results[side]!.clean) clean[side] = streams;
    active = active.filter((side) => results[side]!.clean);
  }
  print({ bench: 'recorder-ceiling', highestCleanStreams: Object.fromEntries(sides.map((s) => [s, clean[s]])), stillClean: active, stoppedBecause, ffmpegCappedAt, load: { hogs: base.hogs } });
}
process.exit(0);
