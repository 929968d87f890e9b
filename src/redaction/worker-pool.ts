/**
 * Detection spread over worker threads (one per core by default), each with its own WASM backend.
 * A frame goes to the least busy worker; `detect` resolves with that frame's boxes. At most
 * `maxInFlight` frames wait per worker, so the decoder is held back instead of filling memory.
 */
import { Worker } from 'node:worker_threads';
import type { DetectWorkerSettings, FrameDetections, FromDetectWorker, ToDetectWorker } from './detect-protocol.ts';
import { detectWorkerUrl } from './worker-url.ts';

interface Slot {
  worker: Worker;
  busy: number;
  pending: Map<number, { resolve: (r: FrameDetections) => void; reject: (e: Error) => void }>;
}

export class DetectPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private waiters: (() => void)[] = [];
  private failure: Error | undefined;
  info: Record<string, unknown> = {};

  private constructor(private readonly maxInFlight: number) {}

  static async start(count: number, settings: DetectWorkerSettings, maxInFlight = 2): Promise<DetectPool> {
    const pool = new DetectPool(maxInFlight);
    const url = detectWorkerUrl();
    const ready: Promise<void>[] = [];
    for (let i = 0; i < Math.max(1, count); i++) {
      const worker = new Worker(url, { workerData: settings });
      const slot: Slot = { worker, busy: 0, pending: new Map() };
      pool.slots.push(slot);
      ready.push(
        new Promise<void>((resolve, reject) => {
          worker.on('message', (m: FromDetectWorker) => {
            if (m.type === 'ready') {
              pool.info = m.info;
              resolve();
            } else if (m.type === 'result') pool.settle(slot, m.id, { faces: m.faces, plates: m.plates, texts: m.texts });
            else if (m.id !== undefined) pool.settle(slot, m.id, new Error(m.message));
            else reject(new Error(`redaction worker failed to start: ${m.message}`));
          });
          worker.once('error', (e) => {
            pool.fail(e);
            reject(e);
          });
          worker.once('exit', (code) => {
            if (code !== 0) pool.fail(new Error(`redaction worker exited with ${code}`));
          });
        }),
      );
    }
    try {
      await Promise.all(ready);
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Resolves once some worker has room for one more frame. */
  async room(): Promise<void> {
    while (!this.failure && !this.slots.some((s) => s.busy < this.maxInFlight)) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  detect(rgb: Uint8Array, width: number, height: number, faces = true): Promise<FrameDetections> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    const buffer = rgb.byteOffset === 0 && rgb.byteLength === rgb.buffer.byteLength ? (rgb.buffer as ArrayBuffer) : rgb.slice().buffer;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      const msg: ToDetectWorker = { type: 'frame', id, width, height, rgb: buffer, faces };
      slot.worker.postMessage(msg, [buffer]);
    });
  }

  private settle(slot: Slot, id: number, r: FrameDetections | Error): void {
    const p = slot.pending.get(id);
    if (!p) return;
    slot.pending.delete(id);
    slot.busy--;
    if (r instanceof Error) p.reject(r);
    else p.resolve(r);
    this.waiters.shift()?.();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const s of this.slots) {
      for (const p of s.pending.values()) p.reject(e);
      s.pending.clear();
    }
    for (const w of this.waiters.splice(0)) w();
  }

  async close(): Promise<void> {
    this.fail(new Error('redaction: detection stopped'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
