/**
 * The redaction engine on the committed synthetic street clip (test/fixtures/redaction/street: two
 * fragmented-MP4 segments, 4 s of 720p25 with five faces and five plates moving, one of each small
 * (56–58 px) and one of each entering from the picture's edge, two shop signs with organisation names
 * (平安大药房 on red, 某某科技有限公司 on white) beside a plain sign and a tree, a location tag in
 * the metadata; made by scripts/make-redaction-clips.ts). Detects once, renders once, then checks
 * the released file against the ground truth.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedactionEngine } from '../../src/redaction/engine.ts';
import { mediaTools } from '../../src/redaction/ffmpeg-io.ts';
import type { DetectResult, Progress, RenderResult } from '../../src/redaction/model.ts';
import { boxAt, iou } from '../../src/redaction/track-math.ts';
import { loadTruth, score } from './ground-truth.ts';
import { laplacianVariance, readGrey, ssim } from './image-metrics.ts';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'redaction', 'street');
const truth = loadTruth(FIXTURE);
const tools = mediaTools();
const engine = createRedactionEngine();
const MARGIN = 0.25;

let dir: string;
let detected: DetectResult;
let released: RenderResult;
const detectProgress: Progress[] = [];
const renderProgress: Progress[] = [];

interface Probed {
  streams: { codec_type: string; tags?: Record<string, string> }[];
  format: { tags?: Record<string, string> };
}

function probe(file: string): Probed {
  return <Probed>JSON.parse(execFileSync(tools.ffprobe, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], { encoding: 'utf8' }));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'custos-redaction-test-'));
  detected = await engine.detect(truth.inputs, { everyNth: 5, workers: 2, onProgress: (p) => detectProgress.push(p) });
  released = await engine.render(truth.inputs, detected.tracks, path.join(dir, 'released.mp4'), { marginRatio: MARGIN, onProgress: (p) => renderProgress.push(p) });
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('redaction engine: detection', () => {
  it('reads the segments as one clip and reports its size, rate and frames', () => {
    expect(detected).toMatchObject({ width: 1280, height: 720, fps: 25, frames: truth.frames });
    expect(detected.detectors).toMatchObject({ everyNth: 5, workers: 2 });
    const last = detectProgress[detectProgress.length - 1];
    expect(last?.done).toBe(last?.total);
    expect(last?.done).toBe(Math.ceil(truth.frames / 5));
  });

  it('REG-22-1: finds the ground-truth faces, plates and sign text in the frames (recall ≥ 0.9 per kind)', () => {
    const s = score(truth, detected.tracks, MARGIN);
    for (const kind of ['FACE', 'PLATE', 'TEXT']) {
      const f = s.found[kind] as { hit: number; total: number };
      expect(f.total).toBeGreaterThan(0);
      expect(f.hit / f.total, `${kind}: ${f.hit}/${f.total}`).toBeGreaterThanOrEqual(0.9);
    }
    expect(detected.tracks.every((t) => t.source === 'AUTO' && t.keyframes.length >= 2)).toBe(true);
    // The plain blue sign, the tree, the car bodies and the windows are not taken for plates or faces.
    expect(s.falseBoxesPerFrame).toBeLessThan(0.1);
  });

  it('REG-22-1: TEXT tracks are the signs’ organisation names, not the plain sign, the tree or a plate’s characters', () => {
    const texts = detected.tracks.filter((t) => t.kind === 'TEXT');
    expect(texts.length).toBeGreaterThanOrEqual(2);
    const decoys = [
      { x: 300, y: 300, w: 220, h: 56 }, // the plain blue sign
      { x: 1120, y: 320, w: 120, h: 120 }, // the tree
    ];
    const signIds = new Set(truth.objects.filter((o) => o.kind === 'TEXT').map((o) => o.id));
    const plateIds = new Set(truth.objects.filter((o) => o.kind === 'PLATE').map((o) => o.id));
    truth.truth.forEach((boxes, frame) => {
      const t = frame / truth.fps;
      for (const tr of texts) {
        const b = boxAt(tr, t);
        if (!b) continue;
        for (const d of decoys) expect(iou(b, d), `TEXT track ${tr.id} on a decoy at frame ${frame}`).toBe(0);
        // Every TEXT box sits on a sign's name, none on a plate.
        expect(boxes.some((g) => signIds.has(g.id) && iou(b, g) >= 0.3), `TEXT track ${tr.id} off the signs at frame ${frame}`).toBe(true);
        expect(boxes.some((g) => plateIds.has(g.id) && iou(b, g) >= 0.3), `TEXT track ${tr.id} on a plate at frame ${frame}`).toBe(false);
      }
    });
    expect(detected.detectors).toMatchObject({ text: { minCharPx: 14 } });
  });

  it('REG-22-2: with the margin, every ground-truth face, plate and sign text is at least 90 % under the mask in every frame', () => {
    const s = score(truth, detected.tracks, MARGIN);
    expect(s.leftReadable).toBe(0);
    expect(s.minCoverage).toBeGreaterThanOrEqual(0.9);
    expect(s.obscured.FACE).toEqual({ hit: 5, total: 5 });
    expect(s.obscured.PLATE).toEqual({ hit: 5, total: 5 });
    expect(s.obscured.TEXT).toEqual({ hit: 2, total: 2 });
  });
});

describe('redaction engine: the released file', () => {
  it('REG-22-2: ffprobe shows exactly one stream, a video stream (no audio, data or original stream)', () => {
    const p = probe(released.file);
    expect(p.streams.map((s) => s.codec_type)).toEqual(['video']);
    expect(execFileSync(tools.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,pix_fmt,nb_frames', '-of', 'csv=p=0', released.file], { encoding: 'utf8' }).trim()).toBe(`h264,yuv420p,${truth.frames}`);
  });

  it('REG-22-2: carries no location tag and none of the recording’s device metadata', () => {
    // The source has them, so their absence below is the engine's doing.
    const source = probe(truth.inputs[0] as string);
    expect(source.format.tags?.location).toBeTruthy();
    expect(source.format.tags?.comment).toContain('camera');
    const p = probe(released.file);
    const tags = { ...p.format.tags, ...Object.assign({}, ...p.streams.map((s) => s.tags ?? {})) } as Record<string, string>;
    expect(Object.keys(tags).filter((k) => /location|comment|gps|device|serial|make|model|creation_time/i.test(k))).toEqual([]);
    expect(JSON.stringify(tags)).not.toMatch(/C-0001|DS-2CD|\+31\.2304/);
  });

  it('REG-22-2: inside every ground-truth box of every frame, SSIM against the original < 0.3 and the Laplacian variance is low', () => {
    const original = readGrey(truth.inputs, truth.width, truth.height);
    const out = readGrey([released.file], truth.width, truth.height);
    expect(out.frames).toHaveLength(original.frames.length);
    // Control: a strip of building that nothing crosses stays as it was (frames are aligned, the measure can say "alike").
    const control = { x: 590, y: 376, w: 220, h: 40 };
    for (const frame of [0, 50, truth.frames - 1]) {
      expect(truth.truth[frame]?.some((b) => b.x < control.x + control.w && b.x + b.w > control.x && b.y < control.y + control.h && b.y + b.h > control.y)).toBe(false);
      expect(ssim(original.frames[frame] as Uint8Array, out.frames[frame] as Uint8Array, truth.width, truth.height, control)).toBeGreaterThan(0.7);
    }
    let checked = 0;
    let worstSsim = 0;
    let worstLap = 0;
    truth.truth.forEach((boxes, frame) => {
      const a = original.frames[frame] as Uint8Array;
      const b = out.frames[frame] as Uint8Array;
      for (const box of boxes) {
        const s = ssim(a, b, truth.width, truth.height, box);
        const lapOriginal = laplacianVariance(a, truth.width, truth.height, box);
        const lapReleased = laplacianVariance(b, truth.width, truth.height, box);
        worstSsim = Math.max(worstSsim, s);
        worstLap = Math.max(worstLap, lapReleased);
        expect(s, `${box.id} frame ${frame}: SSIM ${s.toFixed(3)}`).toBeLessThan(0.3);
        // Below 20 (a common "blurred" cut-off is 100) and under a quarter of the original's.
        expect(lapReleased, `${box.id} frame ${frame}: Laplacian variance ${lapReleased.toFixed(1)} (original ${lapOriginal.toFixed(1)})`).toBeLessThan(Math.min(20, lapOriginal / 4));
        checked++;
      }
    });
    expect(checked).toBe(truth.truth.reduce((n, boxes) => n + boxes.length, 0));
    expect(checked).toBeGreaterThan(truth.frames * 8);
    expect(worstSsim).toBeGreaterThan(0); // the measure ran on real pixels
    expect(worstLap).toBeGreaterThanOrEqual(0);
  });

  it('returns the file’s SHA-256, size, frame count and the parameters it was made with', () => {
    const bytes = readFileSync(released.file);
    expect(released.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(released.bytes).toBe(bytes.length);
    expect(released.frames).toBe(truth.frames);
    expect(released.parameters).toMatchObject({ marginRatio: MARGIN, blockPx: 16, encoder: { codec: 'libx264', pixFmt: 'yuv420p' } });
    expect(renderProgress[renderProgress.length - 1]).toEqual({ phase: 'render', done: truth.frames, total: truth.frames });
  });
});

describe('redaction engine: cancellation', () => {
  it('aborting detection stops it promptly with an AbortError', async () => {
    const ac = new AbortController();
    const started = Date.now();
    const job = engine.detect(truth.inputs, {
      everyNth: 1,
      workers: 1,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.done >= 2) ac.abort();
      },
    });
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    // All 100 frames through one worker would take far longer than this.
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it('aborting a render stops it and leaves no file behind', async () => {
    const ac = new AbortController();
    const out = path.join(dir, 'cancelled.mp4');
    const job = engine.render(truth.inputs, detected.tracks, out, {
      signal: ac.signal,
      onProgress: (p) => {
        if (p.done >= 10) ac.abort();
      },
    });
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial-${process.pid}.mp4`)).toBe(false);
  });

  it('an already aborted signal starts nothing', async () => {
    await expect(engine.detect(truth.inputs, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
