/**
 * Recorders spread over worker threads (about one per core), each owning a group of cameras, so
 * that a burst of API traffic, a slow disk or a misbehaving camera in one group never stalls the
 * HTTP server or the other group.
 */
import { Worker } from 'node:worker_threads';
import type { RecordingAlarm } from '../recording/segment-writer.ts';
import type { CameraRecordingStatus } from './camera-status.ts';
import type { RecorderEngine, WorkerRestart } from './engine.ts';
import type { FragmentTap } from './recorder.ts';
import { recorderWorkerUrl } from './worker-bundle.ts';
import { answerGbRequest } from './gb-broker-bridge.ts';
import type { GbMediaBroker } from '../gb28181/media-session.ts';
import type { FromWorker, RecorderWorkerData, ToWorker } from './worker-protocol.ts';
import type { TamperChange, TamperSettings } from '../analytics/tamper/tamper-model.ts';

/**
 * A small young generation: what a recorder allocates is short-lived (per packet) or lives in
 * buffers outside the heap, so small, frequent scavenges cost little, while V8's default (up to
 * 16 MiB semi-spaces) lets each worker hold tens of MiB of garbage.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 };

interface PoolWorker {
  worker: Worker;
  /** Camera id → stream address, so that a replacement worker can take the group over. */
  cameras: Map<string, string>;
  ready: Promise<void>;
  pendingStops: Map<string, () => void>;
  shutdown?: () => void;
}

export class WorkerPoolEngine implements RecorderEngine {
  private readonly workers: PoolWorker[] = [];
  private readonly statuses = new Map<string, CameraRecordingStatus>();
  private readonly owner = new Map<string, PoolWorker>();
  private alarmListener: ((alarm: RecordingAlarm) => void) | undefined;
  private restartListener: ((restart: WorkerRestart) => void) | undefined;
  private readonly taps = new Map<string, FragmentTap>();
  private tamperListener: ((change: TamperChange) => void) | undefined;
  private stopping = false;

  constructor(
    count: number,
    private readonly data: RecorderWorkerData,
    /** The GB/T 28181 media broker the workers' gb28181:// recorders ask through gb-invite/gb-bye. */
    private readonly gbMedia?: GbMediaBroker,
  ) {
    for (let i = 0; i < Math.max(1, count); i++) this.workers.push(this.spawn());
  }

  start(cameraId: string, url: string): void {
    const target = this.workers.reduce((least, w) => (w.cameras.size < least.cameras.size ? w : least));
    target.cameras.set(cameraId, url);
    this.owner.set(cameraId, target);
    void target.ready.then(() => this.startOn(target, cameraId, url));
  }

  setLiveTap(cameraId: string, tap: FragmentTap | null): void {
    if (tap) this.taps.set(cameraId, tap);
    else this.taps.delete(cameraId);
    const target = this.owner.get(cameraId);
    if (target) void target.ready.then(() => this.send(target, { type: 'live', cameraId, on: tap !== null }));
  }

  async stop(cameraId: string): Promise<void> {
    const target = this.owner.get(cameraId);
    if (!target) return;
    this.owner.delete(cameraId);
    target.cameras.delete(cameraId);
    await target.ready;
    await new Promise<void>((resolve) => {
      target.pendingStops.set(cameraId, resolve);
      this.send(target, { type: 'stop', cameraId });
    });
    this.statuses.delete(cameraId);
  }

  status(): CameraRecordingStatus[] {
    return [...this.owner.keys()].flatMap((id) => this.statuses.get(id) ?? []);
  }

  statusOf(cameraId: string): CameraRecordingStatus | undefined {
    return this.owner.has(cameraId) ? this.statuses.get(cameraId) : undefined;
  }

  async shutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.workers.map(async (w) => {
        await w.ready;
        await new Promise<void>((resolve) => {
          w.shutdown = resolve;
          this.send(w, { type: 'shutdown' });
        });
        await w.worker.terminate();
      }),
    );
    this.owner.clear();
  }

  onAlarm(listener: (alarm: RecordingAlarm) => void): void {
    this.alarmListener = listener;
  }

  onWorkerRestart(listener: (restart: WorkerRestart) => void): void {
    this.restartListener = listener;
  }

  onTamper(listener: (change: TamperChange) => void): void {
    this.tamperListener = listener;
  }

  tamperSettings(cameraId: string, settings: TamperSettings): void {
    this.sendTo(cameraId, { type: 'tamper-settings', cameraId, settings });
  }

  tamperRelearn(cameraId: string): void {
    this.sendTo(cameraId, { type: 'tamper-relearn', cameraId });
  }

  private sendTo(cameraId: string, message: ToWorker): void {
    const target = this.owner.get(cameraId);
    if (target) void target.ready.then(() => this.send(target, message));
  }

  private spawn(): PoolWorker {
    const workerData: RecorderWorkerData = { ...this.data, gbMedia: this.gbMedia !== undefined };
    const worker = new Worker(recorderWorkerUrl(), { workerData, resourceLimits: WORKER_LIMITS });
    const pool: PoolWorker = { worker, cameras: new Map(), pendingStops: new Map(), ready: Promise.resolve() };
    worker.once('exit', (exitCode) => this.replace(pool, exitCode));
    pool.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'status') this.statuses.set(message.status.cameraId, message.status);
        else if (message.type === 'alarm') this.alarmListener?.(message.alarm);
        else if (message.type === 'stopped') pool.pendingStops.get(message.cameraId)?.();
        else if (message.type === 'live') this.taps.get(message.cameraId)?.(message.chunk);
        else if (message.type === 'tamper') this.tamperListener?.(message.change);
        else if (message.type === 'gb-invite' || message.type === 'gb-bye') answerGbRequest(this.gbMedia, message, (reply) => this.send(pool, reply));
        else pool.shutdown?.();
      });
      worker.once('error', reject);
    });
    return pool;
  }

  /** A worker that died takes none of the other group down: a new one records its cameras. */
  private replace(dead: PoolWorker, exitCode: number): void {
    if (this.stopping) return;
    const index = this.workers.indexOf(dead);
    if (index < 0) return;
    const fresh = this.spawn();
    this.workers[index] = fresh;
    for (const resolve of dead.pendingStops.values()) resolve();
    for (const [cameraId, url] of dead.cameras) {
      fresh.cameras.set(cameraId, url);
      this.owner.set(cameraId, fresh);
      void fresh.ready.then(() => this.startOn(fresh, cameraId, url));
    }
    this.restartListener?.({ exitCode, cameraIds: [...dead.cameras.keys()] });
  }

  /** Starts a camera on a worker, with its live tap when someone watches. */
  private startOn(target: PoolWorker, cameraId: string, url: string): void {
    this.send(target, { type: 'start', cameraId, url });
    if (this.taps.has(cameraId)) this.send(target, { type: 'live', cameraId, on: true });
  }

  private send(target: PoolWorker, message: ToWorker): void {
    target.worker.postMessage(message);
  }
}
