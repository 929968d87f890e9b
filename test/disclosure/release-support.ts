/**
 * Public-release tests: a recorded camera, a requester and a simple redaction engine at the machine's
 * edge (the real pipeline is tested in test/redaction and in the browser test): detection returns the
 * tracks it is given, rendering writes a file that names the boxes it was asked to mask.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { DetectOptions, DetectResult, RedactionEngine, RenderOptions, RenderResult, Track } from '../../src/redaction/model.ts';

export const CLIP = { width: 640, height: 360, fps: 10, frames: 50, durationS: 5 };

/** 3 faces, 1 plate, 1 shop-sign text (REG-22-1 test 2). */
export function detections(): Track[] {
  const box = (id: string, kind: Track['kind'], x: number) => ({ id, kind, source: 'AUTO' as const, keyframes: [{ t: 0, x, y: 40, w: 40, h: 40 }, { t: 2, x: x + 20, y: 40, w: 40, h: 40 }] });
  return [box('face-1', 'FACE', 10), box('face-2', 'FACE', 110), box('face-3', 'FACE', 210), box('plate-1', 'PLATE', 310), box('sign-1', 'TEXT', 410)];
}

export class TestEngine implements RedactionEngine {
  rendered: Track[][] = [];
  inputs: string[][] = [];
  /** Resolves a held detection (to test cancellation and progress). */
  hold: Promise<void> | null = null;
  /** Holds a render after it has written part of its file (to test cancellation and progress). */
  renderHold: Promise<void> | null = null;
  /** Makes the render fail after it has written part of its file (an encoder that dies). */
  renderFailure: Error | null = null;

  async detect(inputs: string[], options: DetectOptions = {}): Promise<DetectResult> {
    this.inputs.push(inputs);
    options.onProgress?.({ phase: 'detect', done: 0, total: CLIP.frames });
    if (this.hold) {
      await Promise.race([
        this.hold,
        // A job cancelled before its render began comes here with the signal already aborted.
        new Promise<never>((_resolve, reject) => {
          const abort = () => reject(new Error('aborted'));
          if (options.signal?.aborted) abort();
          else options.signal?.addEventListener('abort', abort, { once: true });
        }),
      ]);
    }
    options.onProgress?.({ phase: 'detect', done: CLIP.frames, total: CLIP.frames });
    return { ...CLIP, tracks: detections(), detectors: { test: { version: 1 } } };
  }

  async render(inputs: string[], tracks: Track[], out: string, options: RenderOptions = {}): Promise<RenderResult> {
    this.rendered.push(tracks);
    if (this.renderFailure) {
      await writeFile(out, 'partial');
      throw this.renderFailure;
    }
    if (this.renderHold) {
      await writeFile(out, 'partial');
      options.onProgress?.({ phase: 'render', done: 20, total: CLIP.frames });
      await Promise.race([
        this.renderHold,
        // A job cancelled before its render began comes here with the signal already aborted.
        new Promise<never>((_resolve, reject) => {
          const abort = () => reject(new Error('aborted'));
          if (options.signal?.aborted) abort();
          else options.signal?.addEventListener('abort', abort, { once: true });
        }),
      ]);
    }
    options.onProgress?.({ phase: 'render', done: CLIP.frames, total: CLIP.frames });
    const original = Buffer.concat(await Promise.all(inputs.map((f) => readFile(f))));
    const body = Buffer.concat([Buffer.from(`redacted:${tracks.map((t) => t.id).join(',')}\n`), createHash('sha256').update(original).digest()]);
    await writeFile(out, body);
    return { file: out, sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length, frames: CLIP.frames, parameters: { mosaic: { blockPx: 16 }, marginRatio: 0.15 } };
  }
}
