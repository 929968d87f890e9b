/**
 * One run of the recorder benchmark: a simulator process serving N cameras per side, the Custos child
 * and/or N ffmpeg processes pulling them side by side, CPU measured over the window after a warm-up.
 * The 'gb' side is a second Custos child recording the same clip sent as PS over RTP (UDP) by N
 * GB/T 28181 senders in a process of their own (recorder-gb-sim.ts), INVITEd through the benchmark.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { CameraStats } from '../src/media/simulator/camera.ts';
import { FfmpegSide } from './recorder-ffmpeg.ts';
import { ended, removeTempDir, request, sleep, spawnNode, trackTempDir, waitMessage, type Message } from './recorder-ipc.ts';
import { cpuSeconds, pssBytes, withDescendants } from './recorder-proc.ts';
import { benchGbUrl } from './recorder-gb.ts';
import type { GbMediaTransport } from '../src/gb28181/media-session.ts';

export type Side = 'custos' | 'ffmpeg' | 'gb';

export interface RunOptions {
  streams: number;
  seconds: number;
  warmupSeconds: number;
  sides: Side[];
  clip: string;
  workers: number;
  segmentSeconds: number;
  /** The 'gb' side's transport (default udp). */
  gbTransport?: GbMediaTransport;
  /** The RTSP ('custos') side's RTP transport (default tcp, interleaved). */
  rtspTransport?: 'tcp' | 'udp';
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
  const rtspSides: Side[] = o.sides.filter((s) => s !== 'gb');
  const cameras = o.streams * rtspSides.length;
  const sim = spawnNode('./recorder-sim.ts', { cameras: Math.max(1, cameras), clip: o.clip });
  const gbSim = o.sides.includes('gb') ? spawnNode('./recorder-gb-sim.ts', { clip: o.clip }) : undefined;
  let custos: ReturnType<typeof spawnNode> | undefined;
  let gb: ReturnType<typeof spawnNode> | undefined;
  let ffmpeg: FfmpegSide | undefined;
  try {
    const urls = (await waitMessage(sim, 'ready', 60_000)).urls as string[];
    const urlsOf = (side: Side) => urls.slice(rtspSides.indexOf(side) * o.streams, (rtspSides.indexOf(side) + 1) * o.streams);

    // CUSTOS_BENCH_NODE_ARGS: extra node options for the Custos process only (e.g. --cpu-prof).
    const nodeArgs = (process.env.CUSTOS_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    // As bin/custos.mjs sets it for the product: segment writes and their fsyncs run on libuv's pool.
    const env = { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '16' };
    const idlePss: Record<Side, number> = { custos: 0, ffmpeg: 0, gb: 0 };
    const startChild = async (side: 'custos' | 'gb') => {
      const dataDir = path.join(dir, side);
      mkdirSync(dataDir);
      const child = spawnNode('./recorder-child.ts', { dataDir, workers: o.workers, segmentMs: o.segmentSeconds * 1000, gb: side === 'gb', transport: o.rtspTransport ?? 'tcp' }, nodeArgs, env);
      await waitMessage(child, 'ready', 60_000);
      return child;
    };
    if (o.sides.includes('custos')) custos = await startChild('custos');
    if (gbSim) {
      await waitMessage(gbSim, 'ready', 60_000);
      gb = await startChild('gb');
      const child = gb;
      // The Custos child's INVITE and BYE go to the senders, and their answers back.
      child.on('message', (message: Message) => {
        if (message.type === 'gb-invite' || message.type === 'gb-bye') gbSim.send(message);
      });
      gbSim.on('message', (message: Message) => {
        if (message.type === 'gb-reply' && child.connected) child.send(message);
      });
    }
    await sleep(500);
    if (custos) idlePss.custos = pssBytes(withDescendants([custos.pid!]));
    if (gb) idlePss.gb = pssBytes(withDescendants([gb.pid!]));
    if (custos) await request(custos, { type: 'start', urls: urlsOf('custos') }, 'started', 30_000);
    if (gb) await request(gb, { type: 'start', urls: Array.from({ length: o.streams }, (_, i) => benchGbUrl(i + 1, o.gbTransport)) }, 'started', 30_000);
    ffmpeg = o.sides.includes('ffmpeg') ? new FfmpegSide(urlsOf('ffmpeg'), path.join(dir, 'ffmpeg'), o.segmentSeconds) : undefined;
    const childOf = (side: Side) => (side === 'gb' ? gb! : custos!);
    const pidsOf = (side: Side) => withDescendants(side === 'ffmpeg' ? ffmpeg!.pids() : [childOf(side).pid!]);

    await sleep(o.warmupSeconds * 1000);
    const pids = Object.fromEntries(o.sides.map((s) => [s, pidsOf(s)])) as Record<Side, number[]>;
    const simPids = [sim.pid!, ...(gbSim ? [gbSim.pid!] : [])];
    const cpu0 = Object.fromEntries(o.sides.map((s) => [s, cpuSeconds(pids[s])])) as Record<Side, number>;
    const simCpu0 = cpuSeconds(simPids);
    const stats0 = (await request(sim, { type: 'stats' }, 'stats', 30_000)).stats as CameraStats[];
    const gbStats0 = gbSim ? ((await request(gbSim, { type: 'stats' }, 'stats', 30_000)).stats as CameraStats[]) : [];
    const childStart: Partial<Record<Side, Message>> = {};
    for (const side of ['custos', 'gb'] as const) if (o.sides.includes(side)) childStart[side] = await request(childOf(side), { type: 'status', reset: true }, 'status', 30_000);
    const t0 = performance.now();
    const pss: Record<Side, number> = { custos: 0, ffmpeg: 0, gb: 0 };
    // PSS at the middle and the end of the window; the larger one counts.
    for (const fraction of [0.5, 0.5]) {
      await sleep(o.seconds * 1000 * fraction);
      for (const s of o.sides) pss[s] = Math.max(pss[s], pssBytes(pids[s]));
    }
    const windowSeconds = (performance.now() - t0) / 1000;
    const cpu = Object.fromEntries(o.sides.map((s) => [s, cpuSeconds(pids[s]) - cpu0[s]])) as Record<Side, number>;
    const simCpuPercent = round(((cpuSeconds(simPids) - simCpu0) / windowSeconds) * 100, 1);

    const childLive: Partial<Record<Side, Message>> = {};
    for (const side of ['custos', 'gb'] as const) if (o.sides.includes(side)) childLive[side] = await request(childOf(side), { type: 'status' }, 'status', 30_000);
    const ffmpegRunning = ffmpeg?.running();
    const [stats, gbStats] = await Promise.all([
      request(sim, { type: 'drain', ms: 2500 }, 'stats', 30_000).then((m) => m.stats as CameraStats[]),
      gbSim ? request(gbSim, { type: 'drain', ms: 2500 }, 'stats', 30_000).then((m) => m.stats as CameraStats[]) : [],
    ]);
    const childEnd: Partial<Record<Side, Message>> = {};
    for (const side of ['custos', 'gb'] as const) if (o.sides.includes(side)) childEnd[side] = await request(childOf(side), { type: 'stop' }, 'stopped', 60_000);
    const ffmpegEnd = ffmpeg ? await ffmpeg.stop() : undefined;

    const results: Partial<Record<Side, SideResult>> = {};
    for (const side of o.sides) {
      const native = side !== 'ffmpeg';
      const from = side === 'gb' ? 0 : rtspSides.indexOf(side) * o.streams;
      const mine = (side === 'gb' ? gbStats : stats).slice(from, from + o.streams);
      const framesSent = mine.reduce((sum, s) => sum + s.framesSent, 0);
      const dropped = mine.reduce((sum, s) => sum + s.framesDropped, 0);
      const droppedBeforeWindow = (side === 'gb' ? gbStats0 : stats0).slice(from, from + o.streams).reduce((sum, s) => sum + s.framesDropped, 0);
      const end: Message | Awaited<ReturnType<FfmpegSide['stop']>> = native ? childEnd[side]! : ffmpegEnd!;
      const framesRecorded = Number(end.framesRecorded);
      const selfReported = native ? Number(childEnd[side]!.framesLost) : 0;
      const framesLost = dropped + Math.max(0, framesSent - framesRecorded) + selfReported;
      const selfReportedInWindow = native ? Number(childLive[side]!.framesLost) - Number(childStart[side]!.framesLost) : 0;
      const streamsUp = native ? Number(childLive[side]!.online) : ffmpegRunning!;
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
        segments: native ? Number(childEnd[side]!.segmentsIndexed) : ffmpegEnd!.segments,
        clean: framesLost === 0 && streamsUp === o.streams && framesRecorded > 0,
        detail: {
          streamsUpAtWindowEnd: streamsUp,
          processes: pids[side].length,
          simulatorCpuPercent: simCpuPercent,
          ...(native ? { workers: o.workers, idlePssMB: round(idlePss[side] / 2 ** 20, 1), eventLoopDelayMsInWindow: childLive[side]!.eventLoopDelayMs, eventLoopDelayMsWarmup: childStart[side]!.eventLoopDelayMs } : {}),
          ...endDetail,
        },
        loadavg: loadavg().map((x) => round(x)),
      };
    }
    return results;
  } finally {
    ffmpeg?.kill();
    for (const child of [custos, gb]) if (child && child.exitCode === null) child.kill('SIGKILL');
    for (const child of [sim, gbSim]) if (child?.connected) child.send({ type: 'close' });
    await ended(sim, 5000);
    if (gbSim) await ended(gbSim, 5000);
    removeTempDir(dir);
  }
}
