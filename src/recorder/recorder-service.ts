/**
 * Records every active camera that has a stream address: starts a recorder when a camera becomes
 * active, stops it when the camera is deactivated or its address changes, and recovers unfinished
 * segments left by a crash before it starts.
 */
import type { Db } from '../db/connect.ts';
import { camerasRepository } from '../registry/repositories/index.ts';
import { LocalSegmentStore, segmentsRoot } from '../recording/local-segment-store.ts';
import { recoverPartials, type RecoveryReport } from '../recording/recover.ts';
import type { RecordingAlarm } from '../recording/segment-writer.ts';
import type { Clock } from '../shared/clock.ts';
import { CameraRecorder } from './camera-recorder.ts';
import type { CameraRecordingStatus } from './camera-status.ts';

export interface RecorderServiceOptions {
  db: Db;
  dataDir: string;
  clock: Clock;
  segmentMs?: number;
  transport?: 'tcp' | 'udp';
  /** How often the registry is checked for cameras to start or stop. */
  reconcileMs?: number;
  onAlarm?: (alarm: RecordingAlarm) => void;
}

export interface RecorderLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export class RecorderService {
  readonly store: LocalSegmentStore;
  private readonly recorders = new Map<string, { url: string; recorder: CameraRecorder }>();
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<void> = Promise.resolve();
  recovery: RecoveryReport | undefined;
  private log: RecorderLog | undefined;

  constructor(private readonly o: RecorderServiceOptions) {
    this.store = new LocalSegmentStore(segmentsRoot(o.dataDir));
  }

  onLog(log: RecorderLog): void {
    this.log = log;
  }

  async start(): Promise<void> {
    this.recovery = await recoverPartials(this.store.root, this.o.db, this.o.clock);
    const { recovered, discarded, indexed } = this.recovery;
    if (recovered.length + discarded.length + indexed.length > 0) {
      this.log?.warn({ recovered: recovered.length, discarded: discarded.length, indexed: indexed.length }, 'recovered unfinished segments');
    }
    await this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), this.o.reconcileMs ?? 5000);
    this.timer.unref();
  }

  /** Brings the running recorders in line with the registry. Calls are serialised. */
  reconcile(): Promise<void> {
    this.reconciling = this.reconciling.then(() => this.reconcileNow()).catch((error: unknown) => {
      this.log?.warn({ err: error }, 'recorder reconcile failed');
    });
    return this.reconciling;
  }

  status(): CameraRecordingStatus[] {
    return [...this.recorders.values()].map((r) => r.recorder.currentStatus);
  }

  statusOf(cameraId: string): CameraRecordingStatus | undefined {
    return this.recorders.get(cameraId)?.recorder.currentStatus;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.reconciling;
    await Promise.all([...this.recorders.keys()].map((id) => this.stopOne(id)));
  }

  private async reconcileNow(): Promise<void> {
    const wanted = new Map(
      (await camerasRepository.list(this.o.db, { status: 'ACTIVE' })).filter((c) => c.sourceUrl).map((c) => [c.id, c.sourceUrl as string]),
    );
    for (const [id, running] of this.recorders) {
      if (wanted.get(id) !== running.url) await this.stopOne(id);
    }
    for (const [id, url] of wanted) {
      if (!this.recorders.has(id)) this.startOne(id, url);
    }
  }

  private startOne(cameraId: string, url: string): void {
    const recorder = new CameraRecorder({
      cameraId,
      url,
      db: this.o.db,
      store: this.store,
      clock: this.o.clock,
      segmentMs: this.o.segmentMs,
      transport: this.o.transport,
    });
    recorder.on('alarm', (alarm) => {
      this.log?.warn({ cameraId: alarm.cameraId, kind: alarm.kind }, 'recording alarm');
      this.o.onAlarm?.(alarm);
    });
    this.recorders.set(cameraId, { url, recorder });
    recorder.start();
    this.log?.info({ cameraId }, 'recording started');
  }

  private async stopOne(cameraId: string): Promise<void> {
    const running = this.recorders.get(cameraId);
    if (!running) return;
    this.recorders.delete(cameraId);
    await running.recorder.stop();
    this.log?.info({ cameraId }, 'recording stopped');
  }
}
