/**
 * One run of the recorder benchmark: a simulator process serving N cameras per side, the Custos child
 * and/or N ffmpeg processes pulling them side by side; once every camera records, a warm-up, then the
 * window [t0, t1] in which CPU, frames and missing time are counted (recorder-accounting.ts).
 * The 'gb' side is a second Custos child recording the same clip sent as PS over RTP (UDP) by N
 * GB/T 28181 senders in a process of their own (recorder-gb-sim.ts), INVITEd through the benchmark.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { setPriority, tmpdir } from 'node:os';
import path from 'node:path';
import type { CameraStats } from '../src/media/simulator/camera.ts';
import { FfmpegSide } from './recorder-ffmpeg.ts';
import { ended, removeTempDir, request, sleep, spawnNode, trackTempDir, waitMessage, type Message } from './recorder-ipc.ts';
import { cpuSeconds, pssBytes, withDescendants } from './recorder-proc.ts';
import { benchGbUrl } from './recorder-gb.ts';
import { accountSide, cameraFromFrames, cameraFromSegments, framesOfWindowRecorded, stalls, type CameraWindow, type Window } from './recorder-accounting.ts';
import { loadLine, sampleLoad, type LoadLine } from './recorder-load.ts';
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
  /** Busy-loop processes running beside the benchmark (--load), for the lines to say so. */
  hogs?: number;
}

/**
 * One side's JSON line. Every count is within the measured window [t0, t1] (wall clock): frames the
 * cameras were expected to give (cameras × 25 fps × seconds), frames the side recorded in it (Custos: its
 * index, segments straddling an edge prorated; ffmpeg: its `-progress` count at t0 and t1), seconds of
 * camera time not recorded, reconnects. Clean: every camera within one fragment (1 s) and no reconnect.
 */
export interface SideResult {
  bench: 'recorder';
  side: Side;
  streams: number;
  windowSeconds: number;
  cpuSeconds: number;
  cpuSecondsPerStreamHour: number;
  cpuMsPerRecordedFrame: number | null;
  pssMBPerStream: number;
  pssMBTotal: number;
  framesExpected: number;
  framesRecorded: number;
  /** framesExpected − framesRecorded. */
  framesLost: number;
  /** By the simulator. */
  framesSent: number;
  framesDroppedBySimulator: number;
  /** Dropped by the simulator, or reported lost by the recorder. */
  framesLostInWindow: number;
  /** Summed over the cameras; worstCamera is the one that missed most. */
  secondsMissing: number;
  worstCamera: { cameraId: string; secondsMissing: number } | null;
  reconnects: number;
  /** Cameras whose missing time exceeds one fragment. */
  camerasShort: number;
  /** Segments indexed (Custos) or written (ffmpeg) over the whole run. */
  segments: number;
  clean: boolean;
  load: LoadLine;
  detail: Record<string, unknown>;
}

/** The bench clip's frame rate, and the fragment a camera may fall short by (Custos's default). */
const CLIP_FPS = 25;
const FRAGMENT_SECONDS = 1;
const SIMULATOR_NICE = -10;
/** How long the warm-up waits at most for every camera to record before it starts anyway. */
const UP_TIMEOUT_MS = 60_000;

interface ChildStopped {
  segments: { cameraId: string; startAt: string; endAt: string; frames: number }[];
  gaps: { cameraId: string; fromAt: string; toAt: string | null; reason: string }[];
  segmentFiles: number;
  alarms: { atMs: number; text: string }[];
}

/** Custos cameras bench-1..N from the index and their reconnects between the statuses at t0 and t1. */
function nativeCameras(atT0: Message, atT1: Message, stopped: Message, streams: number, window: Window): CameraWindow[] {
  const end = stopped as unknown as ChildStopped;
  const reconnects0 = atT0.reconnectsByCamera as Record<string, number>;
  const reconnects1 = atT1.reconnectsByCamera as Record<string, number>;
  return Array.from({ length: streams }, (_, i) => {
    const cameraId = `bench-${i + 1}`;
    const segments = end.segments.filter((r) => r.cameraId === cameraId).map((r) => ({ startMs: Date.parse(r.startAt), endMs: Date.parse(r.endAt), frames: r.frames }));
    return cameraFromSegments(cameraId, segments, window, CLIP_FPS, (reconnects1[cameraId] ?? 0) - (reconnects0[cameraId] ?? 0));
  });
}

/**
 * ffmpeg cameras: frames of the window recorded from the simulator's counts and ffmpeg's own final
 * count (framesOfWindowRecorded); an exit, or a `-progress` count that stood still 5 s, is a lost connection.
 */
function ffmpegCameras(f: { samples: { atMs: number; frames: number[] }[]; exited0: boolean[]; exited1: boolean[]; final: number[] }, sent: { t0: CameraStats[]; t1: CameraStats[]; end: CameraStats[] }, window: Window): CameraWindow[] {
  return f.final.map((recordedWholeRun, i) => {
    const series = f.samples.map((s) => ({ atMs: s.atMs, frames: s.frames[i]! }));
    const lostConnection = Math.max(f.exited1[i] && !f.exited0[i] ? 1 : 0, stalls(series, 5000));
    const frames = framesOfWindowRecorded(sent.t1[i]!.framesSent - sent.t0[i]!.framesSent, sent.end[i]!.framesSent, recordedWholeRun);
    return cameraFromFrames(`cam${i + 1}`, frames, window, CLIP_FPS, lostConnection);
  });
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/**
 * The cameras are other machines: the load of this one (--load) must not make them late (a late
 * simulator skips frames, and both sides would look short). Raised where permitted (root); the
 * lines say which priority they ran at (0: not raised).
 */
function favourSimulators(simulators: (ChildProcess | undefined)[]): number {
  try {
    for (const s of simulators) if (s?.pid) setPriority(s.pid, SIMULATOR_NICE);
    return SIMULATOR_NICE;
  } catch {
    return 0;
  }
}

export async function runOnce(o: RunOptions): Promise<Partial<Record<Side, SideResult>>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'custos-bench-recorder-'));
  trackTempDir(dir);
  const rtspSides: Side[] = o.sides.filter((s) => s !== 'gb');
  const cameras = o.streams * rtspSides.length;
  const sim = spawnNode('./recorder-sim.ts', { cameras: Math.max(1, cameras), clip: o.clip });
  const gbSim = o.sides.includes('gb') ? spawnNode('./recorder-gb-sim.ts', { clip: o.clip }) : undefined;
  const simulatorNice = favourSimulators([sim, gbSim]);
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
    const startedAt: Partial<Record<Side, number>> = {};
    startedAt.custos = Date.now();
    if (custos) await request(custos, { type: 'start', urls: urlsOf('custos') }, 'started', 30_000);
    startedAt.gb = Date.now();
    if (gb) await request(gb, { type: 'start', urls: Array.from({ length: o.streams }, (_, i) => benchGbUrl(i + 1, o.gbTransport)) }, 'started', 30_000);
    startedAt.ffmpeg = Date.now();
    ffmpeg = o.sides.includes('ffmpeg') ? new FfmpegSide(urlsOf('ffmpeg'), path.join(dir, 'ffmpeg'), o.segmentSeconds) : undefined;
    const childOf = (side: Side) => (side === 'gb' ? gb! : custos!);
    const pidsOf = (side: Side) => withDescendants(side === 'ffmpeg' ? ffmpeg!.pids() : [childOf(side).pid!]);

    // The warm-up starts once every camera of every side is recording (under load, worker threads take
    // seconds to come up): the window measures recording, and secondsToAllUp says how long starting took.
    const secondsToAllUp: Partial<Record<Side, number | null>> = {};
    const allUp = async (side: Side) => (side === 'ffmpeg' ? ffmpeg!.frames().every((f) => f > 0) : Number((await request(childOf(side), { type: 'status' }, 'status', 30_000)).online) === o.streams);
    while (o.sides.some((s) => secondsToAllUp[s] === undefined) && Date.now() - startedAt.ffmpeg < UP_TIMEOUT_MS) {
      for (const side of o.sides) if (secondsToAllUp[side] === undefined && (await allUp(side))) secondsToAllUp[side] = round((Date.now() - startedAt[side]!) / 1000, 1);
      await sleep(250);
    }
    for (const side of o.sides) secondsToAllUp[side] ??= null; // not all up: the window shows it
    await sleep(o.warmupSeconds * 1000);
    const pids = Object.fromEntries(o.sides.map((s) => [s, pidsOf(s)])) as Record<Side, number[]>;
    const simPids = [sim.pid!, ...(gbSim ? [gbSim.pid!] : [])];
    const load0 = sampleLoad();
    const t0 = Date.now();
    const cpu0 = Object.fromEntries(o.sides.map((s) => [s, cpuSeconds(pids[s])])) as Record<Side, number>;
    const simCpu0 = cpuSeconds(simPids);
    const ffmpegSamples: { atMs: number; frames: number[] }[] = [];
    const sampleFfmpeg = () => ffmpeg && ffmpegSamples.push({ atMs: Date.now(), frames: ffmpeg.frames() });
    sampleFfmpeg();
    const ffmpegExited0 = ffmpeg?.exited();
    const sampler = setInterval(sampleFfmpeg, 250);
    const stats0 = (await request(sim, { type: 'stats' }, 'stats', 30_000)).stats as CameraStats[];
    const gbStats0 = gbSim ? ((await request(gbSim, { type: 'stats' }, 'stats', 30_000)).stats as CameraStats[]) : [];
    const childStart: Partial<Record<Side, Message>> = {};
    for (const side of ['custos', 'gb'] as const) if (o.sides.includes(side)) childStart[side] = await request(childOf(side), { type: 'status', reset: true }, 'status', 30_000);
    const pss: Record<Side, number> = { custos: 0, ffmpeg: 0, gb: 0 };
    // PSS at the middle and the end of the window; the larger one counts.
    for (const fraction of [0.5, 0.5]) {
      await sleep(o.seconds * 1000 * fraction);
      for (const s of o.sides) pss[s] = Math.max(pss[s], pssBytes(pids[s]));
    }
    const t1 = Date.now();
    const cpu = Object.fromEntries(o.sides.map((s) => [s, cpuSeconds(pids[s]) - cpu0[s]])) as Record<Side, number>;
    clearInterval(sampler);
    sampleFfmpeg();
    const load1 = sampleLoad();
    const window = { fromMs: t0, toMs: t1 };
    const windowSeconds = (t1 - t0) / 1000;
    const simCpuPercent = round(((cpuSeconds(simPids) - simCpu0) / windowSeconds) * 100, 1);
    const ffmpegExited1 = ffmpeg?.exited();
    const ffmpegErrors = ffmpeg?.errors();
    const ffmpegRunning = ffmpeg?.running();
    const stats1 = (await request(sim, { type: 'stats' }, 'stats', 30_000)).stats as CameraStats[];
    const gbStats1 = gbSim ? ((await request(gbSim, { type: 'stats' }, 'stats', 30_000)).stats as CameraStats[]) : [];
    // The status at the window's end, before the drain closes the simulator (after it, every client
    // has seen "connection closed by the server": nothing that says how the window went).
    const childLive: Partial<Record<Side, Message>> = {};
    for (const side of ['custos', 'gb'] as const) if (o.sides.includes(side)) childLive[side] = await request(childOf(side), { type: 'status' }, 'status', 30_000);

    const [statsEnd, gbStatsEnd] = await Promise.all([
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
      const mineAt = (all: CameraStats[]) => all.slice(from, from + o.streams);
      const [mine0, mine1, mineEnd] = side === 'gb' ? [mineAt(gbStats0), mineAt(gbStats1), mineAt(gbStatsEnd)] : [mineAt(stats0), mineAt(stats1), mineAt(statsEnd)];
      const sum = (list: CameraStats[], key: 'framesSent' | 'framesDropped') => list.reduce((total, s) => total + s[key], 0);
      const framesSent = sum(mine1, 'framesSent') - sum(mine0, 'framesSent');
      const dropped = sum(mine1, 'framesDropped') - sum(mine0, 'framesDropped');
      const cameras = native ? nativeCameras(childStart[side]!, childLive[side]!, childEnd[side]!, o.streams, window) : ffmpegCameras({ samples: ffmpegSamples, exited0: ffmpegExited0!, exited1: ffmpegExited1!, final: ffmpeg!.frames() }, { t0: mine0, t1: mine1, end: mineEnd }, window);
      const account = accountSide(cameras, window, CLIP_FPS, FRAGMENT_SECONDS);
      const selfReportedInWindow = native ? Number(childLive[side]!.framesLost) - Number(childStart[side]!.framesLost) : 0;
      let detail: Record<string, unknown>;
      if (native) {
        const { type: _t, atMs: _a, reconnectsByCamera: _r, eventLoopDelayMs, ...atWindowEnd } = childLive[side]!;
        const end = childEnd[side]! as unknown as ChildStopped;
        // The gap every camera opens when the drain ends its stream starts at its last frame, a few ms
        // before t1 at most: gaps count from 0.1 s within the window.
        const inWindow = (fromMs: number, toMs: number) => Math.min(toMs, t1) - Math.max(fromMs, t0) >= 100;
        const alarms = end.alarms.filter((a) => a.atMs >= t0 && a.atMs <= t1).map((a) => a.text);
        const gapsInWindow: Record<string, number> = {};
        for (const g of end.gaps) if (inWindow(Date.parse(g.fromAt), g.toAt ? Date.parse(g.toAt) : Infinity)) gapsInWindow[g.reason] = (gapsInWindow[g.reason] ?? 0) + 1;
        detail = {
          atWindowEnd,
          workers: o.workers,
          idlePssMB: round(idlePss[side] / 2 ** 20, 1),
          eventLoopDelayMsInWindow: eventLoopDelayMs,
          eventLoopDelayMsWarmup: childStart[side]!.eventLoopDelayMs,
          gapsInWindow,
          alarmsInWindow: alarms.length,
          firstAlarmsInWindow: [...new Set(alarms)].slice(0, 3),
          afterStop: { segmentsIndexed: end.segments.length, segmentFiles: end.segmentFiles, framesRecordedWholeRun: end.segments.reduce((total, r) => total + r.frames, 0) },
        };
      } else {
        const { errors: _e, ...afterStop } = ffmpegEnd!;
        // What ffmpeg had written by t1 (its -progress counts at t0 and t1): short of framesRecorded by what it was behind.
        const first = ffmpegSamples[0]!.frames;
        const framesWrittenInWindow = ffmpegSamples[ffmpegSamples.length - 1]!.frames.reduce((total, n, i) => total + n - first[i]!, 0);
        detail = { atWindowEnd: { running: ffmpegRunning, errors: ffmpegErrors, framesWrittenInWindow }, afterStop };
      }
      results[side] = {
        bench: 'recorder',
        side,
        streams: o.streams,
        windowSeconds: round(windowSeconds, 1),
        cpuSeconds: round(cpu[side]),
        cpuSecondsPerStreamHour: round((cpu[side] / (o.streams * windowSeconds)) * 3600, 1),
        cpuMsPerRecordedFrame: account.framesRecorded > 0 ? round((cpu[side] * 1000) / account.framesRecorded, 3) : null,
        pssMBPerStream: round(pss[side] / o.streams / 2 ** 20),
        pssMBTotal: round(pss[side] / 2 ** 20, 1),
        framesExpected: account.framesExpected,
        framesRecorded: account.framesRecorded,
        framesLost: Math.max(0, account.framesExpected - account.framesRecorded),
        framesSent,
        framesDroppedBySimulator: dropped,
        framesLostInWindow: dropped + selfReportedInWindow,
        secondsMissing: account.secondsMissing,
        worstCamera: account.worstCamera,
        reconnects: account.reconnects,
        camerasShort: account.camerasShort,
        segments: native ? (childEnd[side]! as unknown as ChildStopped).segments.length : ffmpegEnd!.segments,
        clean: account.clean,
        load: loadLine(o.hogs ?? 0, load0, load1),
        detail: { processes: pids[side].length, simulatorCpuPercent: simCpuPercent, simulatorNice, secondsToAllUp: secondsToAllUp[side], ...detail },
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
