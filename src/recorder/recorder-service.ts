/**
 * Records every active camera that has a stream address: starts a recorder when a camera becomes
 * active, stops it when the camera is deactivated (its time from then on a CAMERA_DEACTIVATED gap) or its
 * address changes, and recovers unfinished segments left by a crash before it starts.
 */
import type { Db } from '../db/connect.ts';
import { camerasRepository } from '../registry/repositories/index.ts';
import { LocalSegmentStore, segmentsRoot } from '../recording/local-segment-store.ts';
import type { SegmentStore } from '../recording/segment-store.ts';
import type { SegmentStores } from '../storage/segment-stores.ts';
import { recoverPartials, type RecoveryReport } from '../recording/recover.ts';
import type { RecordingAlarm } from '../recording/segment-writer.ts';
import type { Clock } from '../shared/clock.ts';
import type { RecorderEngine, WorkerRestart } from './engine.ts';
import type { FragmentTap } from './recorder.ts';
import { InProcessEngine } from './in-process-engine.ts';
import { WorkerPoolEngine } from './worker-pool-engine.ts';
import { initialStatus, type CameraRecordingStatus } from './camera-status.ts';
import { DomainError } from '../shared/errors.ts';
import { checkSourceAddress, rulesOf, type SourceAddressPolicy } from '../registry/source-address-policy.ts';
import { stripCredentials } from '../shared/redact.ts';
import type { TamperChange, TamperSettings } from '../analytics/tamper/tamper-model.ts';
import type { GbMediaBroker } from '../gb28181/media-session.ts';
import { openSuspensionGap, SUSPENDED_REASON } from './suspension-gap.ts';
import { openStoppedGap, openUncleanStopGap } from './restart-gap.ts';
import { openDeactivationGap } from './deactivation-gap.ts';

/** A camera suspended for capacity: its last status, the seconds it had missed then, and where its open gap began. */
interface Suspended {
  status: CameraRecordingStatus;
  fromMs: number | undefined;
}

export interface RecorderServiceOptions {
  db: Db;
  dataDir: string;
  clock: Clock;
  segmentMs?: number;
  transport?: 'tcp' | 'udp';
  /** How far a camera's RTCP clock may be from ours and still stamp its footage (default camera-clock-trust.ts CAMERA_CLOCK_TOLERANCE_MS). */
  clockToleranceMs?: number;
  /** ffmpeg for sources the native client cannot handle (not rtsp://); see ffmpeg-path.ts for the default. */
  ffmpegPath?: string;
  /** How often the registry is checked for cameras to start or stop. */
  reconcileMs?: number;
  onAlarm?: (alarm: RecordingAlarm) => void;
  /** Worker threads for the recorders; 0 records in this thread. Needs a database URL other than in-memory. */
  workers?: number;
  databaseUrl?: string;
  databaseSchema?: string;
  /** Cameras whose recording is suspended (storage exhausted, AMB-17): left stopped while suspended. */
  suspended?: () => Promise<ReadonlySet<string>>;
  /**
   * Where camera sources may point (registry/source-address-policy.ts): checked before a camera starts,
   * and by the native RTSP client before every connection and redirect.
   */
  sourcePolicy?: SourceAddressPolicy;
  /** Tamper detection (art. 23(2)) on every natively recorded camera, where ffmpeg is there: its onsets and ends. */
  onTamper?: (change: TamperChange) => void;
  /** The GB/T 28181 platform's media side; without it a gb28181:// camera's status says the platform is not enabled. */
  gbMedia?: GbMediaBroker;
  /** The address GB/T 28181 devices are told to send media to (default: the receiver's, 127.0.0.1 when it listens on all). */
  gbMediaHost?: string;
  /**
   * Where new segments go (createSegmentStores, config `storage`); the local segments folder when absent.
   * Worker threads make the same stores from its configuration and the object lock it found.
   */
  stores?: SegmentStores;
  /**
   * Cluster mode (src/cluster/lease-manager.ts): the cameras this process holds leases on, the only ones it
   * records. Each is recovered (its unfinished segments) when it is claimed, not all at start.
   */
  claims?: () => ReadonlySet<string>;
  /** Cluster mode: this recorder's node id; segments are indexed only while it holds the camera's lease. */
  fence?: string;
}

export interface RecorderLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export class RecorderService {
  readonly store: SegmentStore;
  /** The local segments folder: where segments are written before an upload, and where crash recovery looks. */
  readonly segmentsRoot: string;
  private readonly running = new Map<string, string>();
  /** Cameras not started because their source address is refused now, with the status that says so. */
  private readonly refused = new Map<string, CameraRecordingStatus>();
  /** Cameras stopped by the capacity policy: their status is kept, its seconds missing growing until they resume. */
  private readonly suspendedCameras = new Map<string, Suspended>();
  private engine: RecorderEngine | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<void> = Promise.resolve();
  recovery: RecoveryReport | undefined;
  private log: RecorderLog | undefined;
  /** Whether the cameras found at start were checked for time since their last footage that no gap covers. */
  private startGapsChecked = false;
  private readonly restartListeners = new Set<(restart: WorkerRestart) => void>();

  constructor(private readonly o: RecorderServiceOptions) {
    this.segmentsRoot = segmentsRoot(o.dataDir);
    this.store = o.stores?.writer ?? new LocalSegmentStore(this.segmentsRoot);
  }

  onLog(log: RecorderLog): void {
    this.log = log;
  }

  /** Tells `listener` of every recorder worker replaced after it exited (the health monitor raises an alarm). */
  onWorkerRestart(listener: (restart: WorkerRestart) => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  async start(): Promise<void> {
    await this.o.stores?.start();
    // In a cluster another recorder may be writing some of these cameras now: each is recovered once claimed.
    if (!this.o.claims) this.recovery = await this.recover();
    this.engine = this.createEngine();
    this.engine.onAlarm((alarm) => {
      this.log?.warn({ cameraId: alarm.cameraId, kind: alarm.kind }, 'recording alarm');
      this.o.onAlarm?.(alarm);
    });
    this.engine.onWorkerRestart?.((restart) => {
      this.log?.warn({ exitCode: restart.exitCode, cameras: restart.cameraIds.length }, 'recorder worker replaced');
      for (const listener of this.restartListeners) listener(restart);
    });
    const onTamper = this.o.onTamper;
    if (onTamper) {
      this.engine.onTamper((change) => {
        this.log?.warn({ cameraId: change.cameraId, kind: change.kind, state: change.state }, 'tamper');
        onTamper(change);
      });
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
    const suspended = [...this.suspendedCameras.keys()].flatMap((id) => this.suspendedStatus(id) ?? []);
    return [...(this.engine?.status() ?? []), ...this.refused.values(), ...suspended];
  }

  statusOf(cameraId: string): CameraRecordingStatus | undefined {
    return this.engine?.statusOf(cameraId) ?? this.refused.get(cameraId) ?? this.suspendedStatus(cameraId);
  }

  private suspendedStatus(cameraId: string): CameraRecordingStatus | undefined {
    const s = this.suspendedCameras.get(cameraId);
    if (!s) return undefined;
    const openMs = s.fromMs === undefined ? 0 : Math.max(0, this.o.clock.now().getTime() - s.fromMs);
    return { ...s.status, secondsMissing: Math.round(s.status.secondsMissing * 1000 + openMs) / 1000 };
  }

  /** The capacity policy stopped (or keeps stopped) this camera: its time from now on is a gap, counted in its status. */
  private async suspend(cameraId: string, last: CameraRecordingStatus | undefined): Promise<void> {
    const now = this.o.clock.now();
    const fromMs = await openSuspensionGap(this.o.db, cameraId, now);
    // A recorder that stopped while its camera was offline already counted its open gap's time up to now.
    const counted = last && last.state !== 'online' && fromMs !== undefined ? Math.max(0, now.getTime() - fromMs) / 1000 : 0;
    const base = last ?? initialStatus(cameraId, now);
    const status: CameraRecordingStatus = { ...base, state: 'stopped', reason: SUSPENDED_REASON, since: now.toISOString(), fps: 0, bitrateBps: 0, secondsMissing: Math.max(0, base.secondsMissing - counted) };
    this.suspendedCameras.set(cameraId, { status, fromMs });
    this.log?.info({ cameraId }, 'recording suspended');
  }

  /** The camera was deactivated or lost its stream address: its time from its last footage on is a gap until it records again. */
  private async recordDeactivation(cameraId: string): Promise<void> {
    try {
      const gap = await openDeactivationGap(this.o.db, cameraId, this.o.clock.now());
      if (gap) this.log?.info({ cameraId, from: gap.fromAt }, 'camera no longer recordable: gap opened');
    } catch (error) {
      this.log?.warn({ cameraId, err: error }, 'deactivation gap not recorded');
    }
  }

  /** Live viewers (src/viewing/live-hub.ts): the camera's init segments and fragments to `tap`, until null. */
  setLiveTap(cameraId: string, tap: FragmentTap | null): void {
    this.engine?.setLiveTap(cameraId, tap);
  }

  /** A camera's tamper settings changed: its monitor, wherever it runs, uses them from now on. */
  setTamperSettings(cameraId: string, settings: TamperSettings): void {
    this.engine?.tamperSettings(cameraId, settings);
  }

  /** The camera's monitor learns its picture afresh (an authorised move). */
  relearnTamper(cameraId: string): void {
    this.engine?.tamperRelearn(cameraId);
  }

  /**
   * Stops every recorder once its open segment is finished and indexed. From then on each camera's time is
   * a SERVER_STOPPED gap, unless `gaps` is false (a cluster recorder halted as if it had died: whoever takes
   * its cameras over records why).
   */
  async stop(options: { gaps?: boolean } = {}): Promise<void> {
    clearInterval(this.timer);
    await this.reconciling;
    await this.engine?.shutdown();
    const stopped = [...this.running.keys()];
    this.running.clear();
    if (options.gaps === false) return;
    const now = this.o.clock.now();
    for (const cameraId of stopped) {
      try {
        await openStoppedGap(this.o.db, cameraId, now);
      } catch (error) {
        // Without the database the gap cannot be written now: the next start finds the time uncovered and opens one.
        this.log?.warn({ cameraId, err: error }, 'stop gap not recorded');
      }
    }
  }

  /**
   * Cameras about to be recorded for the first time since start whose last footage ends before now with no
   * gap open: the previous run did not stop cleanly (crash recovery opens its gap only where it found an
   * unfinished segment), and that time is a gap until their next segment.
   */
  private async openStartGaps(cameraIds: Iterable<string>): Promise<void> {
    if (this.startGapsChecked || this.o.claims) return;
    this.startGapsChecked = true;
    const now = this.o.clock.now();
    for (const cameraId of cameraIds) {
      try {
        const gap = await openUncleanStopGap(this.o.db, cameraId, now);
        if (gap) this.log?.warn({ cameraId, from: gap.fromAt }, 'recording was not closed when the server last stopped: gap opened');
      } catch (error) {
        // Never in the way of recording: the camera starts all the same.
        this.log?.warn({ cameraId, err: error }, 'start gap not recorded');
      }
    }
  }

  private async recover(cameras?: readonly string[]): Promise<RecoveryReport> {
    const report = await recoverPartials(this.segmentsRoot, this.o.db, this.o.clock, { ...(cameras ? { cameras } : {}), ...(this.o.fence ? { fence: this.o.fence } : {}) });
    const { recovered, discarded, indexed, orphaned } = report;
    if (recovered.length + discarded.length + indexed.length > 0) {
      this.log?.warn({ recovered: recovered.length, discarded: discarded.length, indexed: indexed.length }, 'recovered unfinished segments');
    }
    for (const orphan of orphaned) this.log?.warn(orphan, 'unfinished segment behind the chain head kept aside as an orphan');
    return report;
  }

  private createEngine(): RecorderEngine {
    const segmentMs = this.o.segmentMs ?? 10_000;
    const transport = this.o.transport ?? 'tcp';
    const workers = this.o.workers ?? 0;
    const policy = this.o.sourcePolicy;
    if (workers > 0 && this.o.databaseUrl && !this.o.databaseUrl.endsWith(':memory:')) {
      return new WorkerPoolEngine(workers, {
        databaseUrl: this.o.databaseUrl,
        ...(this.o.databaseSchema ? { databaseSchema: this.o.databaseSchema } : {}),
        segmentsRoot: this.segmentsRoot,
        ...(this.o.stores ? { storage: this.o.stores.config, objectLock: this.o.stores.status().s3?.objectLock } : {}),
        segmentMs,
        transport,
        ffmpegPath: this.o.ffmpegPath,
        ...(this.o.clockToleranceMs !== undefined ? { clockToleranceMs: this.o.clockToleranceMs } : {}),
        ...(policy ? { sourceRules: rulesOf(policy) } : {}),
        tamper: this.o.onTamper !== undefined,
        ...(this.o.gbMediaHost ? { gbMediaHost: this.o.gbMediaHost } : {}),
        ...(this.o.fence ? { fence: this.o.fence } : {}),
      }, this.o.gbMedia);
    }
    const checkSource = policy ? (url: string) => checkSourceAddress(url, policy) : undefined;
    return new InProcessEngine({ db: this.o.db, store: this.store, clock: this.o.clock, segmentMs, transport, clockToleranceMs: this.o.clockToleranceMs, ffmpegPath: this.o.ffmpegPath, checkSource, tamper: this.o.onTamper !== undefined, gbMedia: this.o.gbMedia, gbMediaHost: this.o.gbMediaHost, fence: this.o.fence });
  }

  /** DNS may have changed since the camera was saved: the address is checked again before recording starts. */
  private async sourceAllowed(cameraId: string, url: string): Promise<boolean> {
    try {
      await checkSourceAddress(url, this.o.sourcePolicy);
      this.refused.delete(cameraId);
      return true;
    } catch (error) {
      const reason = error instanceof DomainError ? `${error.code}: ${error.localized.en}` : stripCredentials(String(error));
      if (this.refused.get(cameraId)?.reason === reason) return false;
      this.log?.warn({ cameraId, reason }, 'recording refused');
      this.refused.set(cameraId, { ...initialStatus(cameraId, this.o.clock.now()), state: 'error', reason, lastError: reason });
      return false;
    }
  }

  private async reconcileNow(): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    const suspended = (await this.o.suspended?.()) ?? new Set<string>();
    const claims = this.o.claims?.();
    const active = (await camerasRepository.list(this.o.db, { status: 'ACTIVE' })).filter((c) => c.sourceUrl);
    const activeIds = new Set(active.map((c) => c.id));
    const recordable = active.filter((c) => !claims || claims.has(c.id));
    const wanted = new Map(recordable.filter((c) => !suspended.has(c.id)).map((c) => [c.id, c.sourceUrl as string]));
    const held = new Set(recordable.filter((c) => suspended.has(c.id)).map((c) => c.id));
    for (const [id, url] of this.running) {
      if (wanted.get(id) === url) continue;
      const last = engine.statusOf(id);
      this.running.delete(id);
      await engine.stop(id);
      this.log?.info({ cameraId: id }, 'recording stopped');
      if (held.has(id)) await this.suspend(id, last);
      // A lease handed over or a changed address is not the camera's doing: only a camera no longer recordable is.
      else if (!activeIds.has(id)) await this.recordDeactivation(id);
    }
    for (const id of held) if (!this.suspendedCameras.has(id)) await this.suspend(id, undefined);
    for (const id of this.suspendedCameras.keys()) if (!held.has(id)) this.suspendedCameras.delete(id);
    for (const id of this.refused.keys()) if (!wanted.has(id)) this.refused.delete(id);
    await this.openStartGaps(wanted.keys());
    for (const [id, url] of wanted) {
      if (this.running.has(id)) continue;
      if (!(await this.sourceAllowed(id, url))) continue;
      if (claims) await this.recover([id]);
      this.running.set(id, url);
      engine.start(id, url);
      this.log?.info({ cameraId: id }, 'recording started');
    }
  }
}
