/**
 * One run of the recorder benchmark: a simulator process serving N cameras per side, the Custos child
 * and/or N ffmpeg processes pulling them side by side, CPU measured over the window after a warm-up.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { CameraStats } from '../src/media/simulator/camera.ts';
import { FfmpegSide } from './recorder-ffmpeg.ts';
import { ended, removeTempDir, request, sleep, spawnNode, trackTempDir, waitMessage, type Message } from './recorder-ipc.ts';
import { cpuSeconds, pssBytes, withDescendants } from './recorder-proc.ts';

export type Side = 'custos' | 'ffmpeg';

export interface RunOptions {
  streams: number;
  seconds: number;
  warmupSeconds: number;
  sides: Side[];
  clip: string;
  workers: number;
  segmentSeconds: number;
}

export interface SideResult {
  bench: 'recorder';
  side: Side;
  streams: number;
  windowSeconds: number;
  cpuSeconds: number;
  cpuSecondsPerStreamHour: number;
  pssMBPerStream: number;
  pssMBTotal: number;
  framesLost: number;
  framesSent: number;
  framesRecorded: number;
  framesDroppedBySimulator: number;
  /** Dropped by the simulator, or reported lost by the recorder, within the measured window only. */
  framesLostInWindow: number;
  segments: number;
  clean: boolean;
  detail: Record<string, unknown>;
  loadavg: number[];
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

export async function runOnce(o: RunOptions): Promise<Partial<Record<Side, SideResult>>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'custos-bench-recorder-'));
  trackTempDir(dir);
  const cameras = o.streams * o.sides.length;
  const sim = spawnNode('./recorder-sim.ts', { cameras, clip: o.clip });
  let custos: ReturnType<typeof spawnNode> | undefined;
  let ffmpeg: FfmpegSide | undefined;
  try {
    const urls = (await waitMessage(sim, 'ready', 60_000)).urls as string[];
    const urlsOf = (side: Side) => urls.slice(o.sides.indexOf(side) * o.streams, (o.sides.indexOf(side) + 1) * o.streams);

    let custosIdlePss = 0;
    if (o.sides.includes('custos')) {
      const dataDir = path.join(dir, 'custos');
      mkdirSync(dataDir);
      // CUSTOS_BENCH_NODE_ARGS: extra node options for the Custos process only (e.g. --cpu-prof).
      const nodeArgs = (process.env.CUSTOS_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
      // As bin/custos.mjs sets it for the product: segment writes and their fsyncs run on libuv's pool.
      const env = { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '16' };
      custos = spawnNode('./recorder-child.ts', { dataDir, workers: o.workers, segmentMs: o.segmentSeconds * 1000 }, nodeArgs, env);
      await waitMessage(custos, 'ready', 60_000);
      await sleep(500);
      custosIdlePss = pssBytes(withDescendants([custos.pid!]));
      await request(custos, { type: 'start', urls: urlsOf('custos') }, 'started', 30_000);
    }
    ffmpeg = o.sides.includes('ffmpeg') ? new FfmpegSide(urlsOf('ffmpeg'), path.join(dir, 'ffmpeg'), o.segmentSeconds) : undefined;
    const pidsOf = (side: Side) => withDescendants(side === 'custos' ? [custos!.pid!] : ffmpeg!.pids());

    await sleep(o.warmupSeconds * 1000);
    const pids = Object.fromEntries(o.sides.map((s) => [s, pidsOf(s)])) as Record<Side, number[]>;
    const simPids = [sim.pid!];
    const cpu0 = Object.fromEntries(o.sides.map((s) => [s, cpuSeconds(pids[s])])) as Record<Side, number>;
    const simCpu0 = cpuSeconds(simPids);
    const stats0 = (await request(sim, { type: 'stats' }, 'stats', 30_000)).stats as CameraStats[];
    const custosStart = custos ? await request(custos, { type: 'status', reset: true }, 'status', 30_000) : undefined;
    const t0 = performance.now();
    const pss: Record<Side, number> = { custos: 0, ffmpeg: 0 };
    // PSS at the middle and the end of the window; the larger one counts.
    for (const fraction of [0.5, 0.5]) {
      await sleep(o.seconds * 1000 * fraction);
      for (const s of o.sides) pss[s] = Math.max(pss[s], pssBytes(pids[s]));
    }
    const windowSeconds = (performance.now() - t0) / 1000;
    const cpu = Object.fromEntries(o.sides.map((s) => [s, cpuSeconds(pids[s]) - cpu0[s]])) as Record<Side, number>;
    const simCpuPercent = round(((cpuSeconds(simPids) - simCpu0) / windowSeconds) * 100, 1);

    const custosLive = custos ? await request(custos, { type: 'status' }, 'status', 30_000) : undefined;
    const ffmpegRunning = ffmpeg?.running();
    const stats = (await request(sim, { type: 'drain', ms: 2500 }, 'stats', 30_000)).stats as CameraStats[];
    const custosEnd = custos ? await request(custos, { type: 'stop' }, 'stopped', 60_000) : undefined;
    const ffmpegEnd = ffmpeg ? await ffmpeg.stop() : undefined;

    const results: Partial<Record<Side, SideResult>> = {};
    for (const side of o.sides) {
      const from = o.sides.indexOf(side) * o.streams;
      const mine = stats.slice(from, from + o.streams);
      const framesSent = mine.reduce((sum, s) => sum + s.framesSent, 0);
      const dropped = mine.reduce((sum, s) => sum + s.framesDropped, 0);
      const droppedBeforeWindow = stats0.slice(from, from + o.streams).reduce((sum, s) => sum + s.framesDropped, 0);
      const end: Message | Awaited<ReturnType<FfmpegSide['stop']>> = side === 'custos' ? custosEnd! : ffmpegEnd!;
      const framesRecorded = Number(end.framesRecorded);
      const selfReported = side === 'custos' ? Number(custosEnd!.framesLost) : 0;
      const framesLost = dropped + Math.max(0, framesSent - framesRecorded) + selfReported;
      const selfReportedInWindow = side === 'custos' ? Number(custosLive!.framesLost) - Number(custosStart!.framesLost) : 0;
      const streamsUp = side === 'custos' ? Number(custosLive!.online) : ffmpegRunning!;
      const { type: _type, ...endDetail } = end as Message;
      results[side] = {
        bench: 'recorder',
        side,
        streams: o.streams,
        windowSeconds: round(windowSeconds, 1),
        cpuSeconds: round(cpu[side]),
        cpuSecondsPerStreamHour: round((cpu[side] / (o.streams * windowSeconds)) * 3600, 1),
        pssMBPerStream: round(pss[side] / o.streams / 2 ** 20),
        pssMBTotal: round(pss[side] / 2 ** 20, 1),
        framesLost,
        framesSent,
        framesRecorded,
        framesDroppedBySimulator: dropped,
        framesLostInWindow: dropped - droppedBeforeWindow + selfReportedInWindow,
        segments: side === 'custos' ? Number(custosEnd!.segmentsIndexed) : ffmpegEnd!.segments,
        clean: framesLost === 0 && streamsUp === o.streams && framesRecorded > 0,
        detail: {
          streamsUpAtWindowEnd: streamsUp,
          processes: pids[side].length,
          simulatorCpuPercent: simCpuPercent,
          ...(side === 'custos' ? { workers: o.workers, idlePssMB: round(custosIdlePss / 2 ** 20, 1), eventLoopDelayMsInWindow: custosLive!.eventLoopDelayMs, eventLoopDelayMsWarmup: custosStart!.eventLoopDelayMs } : {}),
          ...endDetail,
        },
        loadavg: loadavg().map((x) => round(x)),
      };
    }
    return results;
  } finally {
    ffmpeg?.kill();
    if (custos && custos.exitCode === null) custos.kill('SIGKILL');
    if (sim.connected) sim.send({ type: 'close' });
    await ended(sim, 5000);
    removeTempDir(dir);
  }
}
