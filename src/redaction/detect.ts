/**
 * Detection over a whole clip: every Nth frame decoded to RGB, spread over the worker pool, the
 * boxes linked into tracks. Progress after each sampled frame; the signal stops decoding and workers.
 */
import { availableParallelism } from 'node:os';
import { concatList, type MediaTools, probeClip, readFrames } from './ffmpeg-io.ts';
import type { DetectOptions, DetectResult } from './model.ts';
import { linkTracks, type Sample, type SampleDetection } from './tracker.ts';
import { DetectPool } from './worker-pool.ts';

export interface DetectSettings {
  everyNth: number;
  faceMinConfidence: number;
  faceScale: number;
  plateMinWidth: number;
}

export const DEFAULT_DETECT: DetectSettings = { everyNth: 5, faceMinConfidence: 0.3, faceScale: 0.5, plateMinWidth: 40 };

export async function detectClip(tools: MediaTools, inputs: string[], options: DetectOptions = {}, defaults: DetectSettings = DEFAULT_DETECT): Promise<DetectResult> {
  const signal = options.signal;
  signal?.throwIfAborted();
  const list = await concatList(inputs);
  let pool: DetectPool | undefined;
  try {
    const clip = await probeClip(tools, list.file);
    const everyNth = Math.max(1, Math.floor(options.everyNth ?? defaults.everyNth));
    const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    const settings = { faceMinConfidence: defaults.faceMinConfidence, faceScale: clip.width >= 960 ? defaults.faceScale : 1, plateMinWidth: defaults.plateMinWidth };
    pool = await DetectPool.start(workers, settings);
    const activePool = pool;
    const onAbort = () => void activePool.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    const total = Math.ceil(clip.frames / everyNth);
    const samples: Sample[] = [];
    const jobs: Promise<void>[] = [];
    let done = 0;
    options.onProgress?.({ phase: 'detect', done, total });
    try {
      for await (const { index, data } of readFrames(tools, list.file, clip, { fmt: 'rgb24', everyNth, signal })) {
        await activePool.room();
        const t = index / clip.fps;
        const job = async () => {
          const { faces, plates } = await activePool.detect(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), clip.width, clip.height);
          const detections: SampleDetection[] = [...faces.map((f) => ({ ...f, kind: 'FACE' as const })), ...plates.map((p) => ({ x: p.x, y: p.y, w: p.w, h: p.h, score: p.score, kind: 'PLATE' as const }))];
          samples.push({ t, detections });
          done++;
          options.onProgress?.({ phase: 'detect', done, total: Math.max(total, done) });
        };
        const running = job();
        running.catch(() => undefined); // reported through Promise.all below, not as unhandled
        jobs.push(running);
      }
      await Promise.all(jobs);
    } catch (e) {
      await Promise.allSettled(jobs);
      signal?.throwIfAborted();
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    signal?.throwIfAborted();
    const interval = everyNth / clip.fps;
    const tracks = linkTracks(samples, { extendS: interval, durationS: clip.durationS, frameW: clip.width, frameH: clip.height });
    return {
      width: clip.width,
      height: clip.height,
      fps: clip.fps,
      frames: clip.frames,
      durationS: clip.durationS,
      tracks,
      detectors: { ...activePool.info, everyNth, workers: activePool.size, sampledFrames: samples.length, tracker: { matching: 'IoU ≥ 0.1 or centre within 0.8 × size, velocity-predicted', maxMissedSamples: 2, extendS: interval }, textDetection: 'none (organisation names: added by hand in the editor)' },
    };
  } finally {
    await pool?.close();
    await list.dispose();
  }
}
