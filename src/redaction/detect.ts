/**
 * Detection over a whole clip: frames decoded to RGB at the plate rate (every `plateEveryNth`; plates
 * and sign text are cheap: about 20 and 15 ms a 720p frame), faces looked for on every `everyNth` (SSD costs about 0.3–0.4 s of CPU a
 * frame, most of the pipeline's cost), spread over the worker pool; each kind's boxes linked into
 * tracks with its own sample interval. Progress after each sampled frame; the signal stops decoding
 * and the workers.
 */
import { availableParallelism } from 'node:os';
import { concatList, type MediaTools, probeClip, readFrames } from './ffmpeg-io.ts';
import type { DetectOptions, DetectResult } from './model.ts';
import { withoutPlateText } from './plate-text.ts';
import { linkTracks, type Sample } from './tracker.ts';
import { DetectPool } from './worker-pool.ts';

export interface DetectSettings {
  /** Faces on every Nth frame. */
  everyNth: number;
  /** Plates on every Nth frame (at most everyNth; everyNth is rounded to a multiple of it). */
  plateEveryNth: number;
  faceMinConfidence: number;
  faceScale: number;
  plateMinWidth: number;
  /** Sign text (organisation names) with characters at least this tall (px), on the plate frames. */
  textMinCharPx: number;
}

export const DEFAULT_DETECT: DetectSettings = { everyNth: 10, plateEveryNth: 5, faceMinConfidence: 0.3, faceScale: 0.5, plateMinWidth: 40, textMinCharPx: 14 };

export async function detectClip(tools: MediaTools, inputs: string[], options: DetectOptions = {}, defaults: DetectSettings = DEFAULT_DETECT): Promise<DetectResult> {
  const signal = options.signal;
  signal?.throwIfAborted();
  const list = await concatList(inputs);
  let pool: DetectPool | undefined;
  try {
    const clip = await probeClip(tools, list.file);
    const requested = Math.max(1, Math.floor(options.everyNth ?? defaults.everyNth));
    const plateEveryNth = Math.max(1, Math.min(requested, Math.floor(defaults.plateEveryNth)));
    const everyNth = plateEveryNth * Math.max(1, Math.round(requested / plateEveryNth));
    const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    const settings = { faceMinConfidence: defaults.faceMinConfidence, faceScale: clip.width >= 960 ? defaults.faceScale : 1, plateMinWidth: defaults.plateMinWidth, textMinCharPx: defaults.textMinCharPx };
    pool = await DetectPool.start(workers, settings);
    const activePool = pool;
    const onAbort = () => void activePool.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    const total = Math.ceil(clip.frames / plateEveryNth);
    const plateSamples: Sample[] = [];
    const faceSamples: Sample[] = [];
    const textSamples: Sample[] = [];
    const jobs: Promise<void>[] = [];
    let done = 0;
    options.onProgress?.({ phase: 'detect', done, total });
    try {
      for await (const { index, data } of readFrames(tools, list.file, clip, { fmt: 'rgb24', everyNth: plateEveryNth, signal })) {
        await activePool.room();
        const t = index / clip.fps;
        const withFaces = index % everyNth === 0;
        const job = async () => {
          const { faces, plates, texts } = await activePool.detect(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), clip.width, clip.height, withFaces);
          plateSamples.push({ t, detections: plates.map((p) => ({ x: p.x, y: p.y, w: p.w, h: p.h, score: p.score, kind: 'PLATE' as const })) });
          textSamples.push({ t, detections: texts.map((d) => ({ x: d.x, y: d.y, w: d.w, h: d.h, score: d.score, kind: 'TEXT' as const })) });
          if (withFaces) faceSamples.push({ t, detections: faces.map((f) => ({ ...f, kind: 'FACE' as const })) });
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
    const frame = { durationS: clip.durationS, frameW: clip.width, frameH: clip.height };
    const tracks = withoutPlateText([...linkTracks(faceSamples, { ...frame, extendS: everyNth / clip.fps }), ...linkTracks(plateSamples, { ...frame, extendS: plateEveryNth / clip.fps }), ...linkTracks(textSamples, { ...frame, extendS: plateEveryNth / clip.fps })]);
    return {
      width: clip.width,
      height: clip.height,
      fps: clip.fps,
      frames: clip.frames,
      durationS: clip.durationS,
      tracks,
      detectors: { ...activePool.info, everyNth, plateEveryNth, workers: activePool.size, sampledFrames: plateSamples.length, faceSampledFrames: faceSamples.length, tracker: { matching: 'IoU ≥ 0.1 or centre within 0.8 × size (1.2 × before a velocity is known), velocity-predicted', maxMissedSamples: 2, extendS: { face: everyNth / clip.fps, plate: plateEveryNth / clip.fps, text: plateEveryNth / clip.fps } } },
    };
  } finally {
    await pool?.close();
    await list.dispose();
  }
}
