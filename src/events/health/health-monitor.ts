/**
 * The health monitor (art. 15, REG-15-8, REG-15-9): at each look it takes the recorder's status, the
 * recording gaps, the capacity forecast and the ledger's state as data, applies the health rules, and
 * raises or ends the alarms through the alarm sink. It also tells the event bus when a camera comes
 * online or goes offline (MQTT publishes it retained). The rules are pure; this class keeps their memory.
 */
import type { Db } from '../../db/connect.ts';
import type { CameraRecordingStatus } from '../../recorder/camera-status.ts';
import type { WorkerRestart } from '../../recorder/engine.ts';
import type { Clock } from '../../shared/clock.ts';
import { factsOf, type AlarmKind } from '../alarm-kinds.ts';
import type { AlarmSink } from '../alarm-sink.ts';
import type { EventBus } from '../event-bus.ts';
import { CameraRules } from './camera-rules.ts';
import { lossConditions, LOSS_WINDOW_MS } from './loss-rule.ts';
import type { HealthCondition } from './condition.ts';
import { healthRepository as repo } from './health-repository.ts';
import { ledgerRule, storageRule, type LedgerFacts, type StorageFacts } from './system-rules.ts';
import type { HealthThresholds } from './thresholds.ts';

/** The kinds that hold for a while and that this monitor ends (instant kinds are raised once). */
const CONDITION_KINDS: AlarmKind[] = ['CAMERA_OFFLINE', 'CAMERA_RECONNECTING', 'BITRATE_COLLAPSE', 'FRAME_RATE_DROP', 'CLOCK_DRIFT', 'RECORDING_LOSS', 'STORAGE_AT_RISK', 'LEDGER_CHECKPOINT_OVERDUE'];

export interface HealthMonitorDeps {
  db: Db;
  clock: Clock;
  alarms: AlarmSink;
  bus: EventBus;
  thresholds: HealthThresholds;
  /** The recorder's status of every camera it records (RecorderService.status()); [] without a recorder. */
  recorderStatus: () => readonly CameraRecordingStatus[];
  storage?: () => Promise<StorageFacts>;
  ledger?: () => Promise<LedgerFacts>;
  /** The capacity forecast reads the segment index: looked at this often (default 60 s). */
  storageEveryMs?: number;
  /** Gaps that ended this far back are still alarmed once (default 24 h): a restart misses none. */
  gapLookbackMs?: number;
  log?: { warn(obj: object, msg: string): void };
}

interface OpenAlarm {
  kind: AlarmKind;
  subject: string;
  cameraId: string | null;
  /** When its figures were last written (ms); they are brought up to date at most once a minute. */
  refreshedAt?: number;
}

const REFRESH_MS = 60_000;

export class HealthMonitor {
  private readonly cameras = new Map<string, CameraRules>();
  private readonly availability = new Map<string, boolean>();
  private readonly gapsAlarmed = new Set<string>();
  /** The latest end of a gap already looked at: later looks read from shortly before it, not the whole lookback. */
  private gapsSeenUntil: number | undefined;
  private open: Map<string, OpenAlarm> | undefined;
  private lastStorageAt = Number.NEGATIVE_INFINITY;
  private looking: Promise<void> = Promise.resolve();
  private watchingSince: Date | undefined;

  constructor(private readonly d: HealthMonitorDeps) {}

  /** One look at everything; looks never overlap. */
  tick(): Promise<void> {
    this.looking = this.looking.then(() => this.look()).catch((error: unknown) => this.d.log?.warn({ err: error }, 'health monitor look failed'));
    return this.looking;
  }

  /** A recorder worker died and was replaced (RecorderService.onWorkerRestart). */
  async workerRestarted(restart: WorkerRestart): Promise<void> {
    await this.d.alarms.raise({
      kind: 'RECORDER_WORKER_RESTARTED',
      subject: 'system',
      details: { exitCode: restart.exitCode, cameraIds: restart.cameraIds, cameras: restart.cameraIds.length },
    });
  }

  private async look(): Promise<void> {
    const now = this.d.clock.now();
    const watchingSince = (this.watchingSince ??= now);
    await this.loadOpen();
    await this.guard('cameras', () => this.lookAtCameras(now));
    await this.guard('gaps', () => this.lookAtGaps(now));
    await this.guard('loss', () => this.lookAtLoss(now));
    if (this.d.storage && now.getTime() - this.lastStorageAt >= (this.d.storageEveryMs ?? 60_000)) {
      this.lastStorageAt = now.getTime();
      const storage = this.d.storage;
      await this.guard('storage', async () => this.apply(storageRule(await storage()), now));
    }
    const ledger = this.d.ledger;
    if (ledger) await this.guard('ledger', async () => this.apply(ledgerRule(await ledger(), now, this.d.thresholds, watchingSince), now));
  }

  private async guard(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.d.log?.warn({ err: error, rules: what }, 'health rules failed');
    }
  }

  /** Alarms left open by an earlier run are ended by this one when their condition is gone. */
  private async loadOpen(): Promise<void> {
    if (this.open) return;
    const open = new Map<string, OpenAlarm>();
    for (const alarm of await repo.openAlarms(this.d.db, CONDITION_KINDS)) open.set(keyOf(alarm.kind, alarm.subject), { kind: alarm.kind, subject: alarm.subject, cameraId: alarm.cameraId });
    this.open = open;
  }

  private async lookAtCameras(now: Date): Promise<void> {
    const statuses = this.d.recorderStatus();
    const present = new Set(statuses.map((s) => s.cameraId));
    for (const status of statuses) {
      let rules = this.cameras.get(status.cameraId);
      if (!rules) this.cameras.set(status.cameraId, (rules = new CameraRules(status.cameraId, this.d.thresholds)));
      for (const condition of rules.evaluate(status, now)) await this.apply(condition, now);
      await this.tellAvailability(status, rules.offline, now);
    }
    // A camera no longer recorded (deactivated, suspended) has no health condition left.
    for (const id of this.cameras.keys()) if (!present.has(id)) this.cameras.delete(id);
    for (const id of [...this.availability.keys()]) if (!present.has(id)) this.availability.delete(id);
    for (const alarm of [...(this.open?.values() ?? [])]) {
      if (alarm.cameraId !== null && !present.has(alarm.cameraId)) await this.end(alarm.kind, alarm.subject, now);
    }
  }

  private async tellAvailability(status: CameraRecordingStatus, offline: boolean, now: Date): Promise<void> {
    const online = status.state === 'online' ? true : offline ? false : undefined;
    if (online === undefined || this.availability.get(status.cameraId) === online) return;
    this.availability.set(status.cameraId, online);
    const cameraName = await repo.cameraName(this.d.db, status.cameraId);
    this.d.bus.publish({ type: 'camera.availability', cameraId: status.cameraId, cameraName, online, at: now.toISOString() });
  }

  /** Every gap of gapSeconds or more, once it has ended, is one RECORDING_GAP alarm (subject: the gap's id). */
  private async lookAtGaps(now: Date): Promise<void> {
    const lookback = now.getTime() - (this.d.gapLookbackMs ?? 86_400_000);
    // A gap may be written a little after a later one (another worker, a recovery): read back ten minutes.
    const since = new Date(Math.max(lookback, (this.gapsSeenUntil ?? lookback) - 600_000)).toISOString();
    const minMs = this.d.thresholds.gapSeconds * 1000;
    const closed = await repo.closedGapsSince(this.d.db, since);
    const last = closed.at(-1);
    if (last) this.gapsSeenUntil = Math.max(this.gapsSeenUntil ?? 0, Date.parse(last.toAt!));
    const gaps = closed.filter((g) => !this.gapsAlarmed.has(g.id) && Date.parse(g.toAt!) - Date.parse(g.fromAt) >= minMs);
    const already = await repo.subjectsAlarmed(this.d.db, 'RECORDING_GAP', gaps.map((g) => g.id));
    for (const gap of gaps) {
      this.gapsAlarmed.add(gap.id);
      if (already.has(gap.id)) continue;
      await this.d.alarms.raise({
        kind: 'RECORDING_GAP',
        cameraId: gap.cameraId,
        subject: gap.id,
        at: gap.fromAt,
        details: {
          gapId: gap.id,
          from: gap.fromAt,
          to: gap.toAt,
          seconds: Math.round((Date.parse(gap.toAt!) - Date.parse(gap.fromAt)) / 1000),
          reason: gap.reason,
          detail: gap.detail,
          thresholdSeconds: this.d.thresholds.gapSeconds,
        },
      });
    }
  }

  /**
   * RECORDING_LOSS for each recorded camera whose gaps of the last hour add up to missingSecondsPerHour:
   * many short holes that no RECORDING_GAP alarms. Gaps come from the database, so every recorder of a
   * cluster counts.
   */
  private async lookAtLoss(now: Date): Promise<void> {
    const cameraIds = [...new Set(this.d.recorderStatus().map((s) => s.cameraId))];
    const from = new Date(now.getTime() - LOSS_WINDOW_MS).toISOString();
    const gaps = await repo.gapsOverlapping(this.d.db, cameraIds, from, now.toISOString());
    for (const condition of lossConditions(cameraIds, gaps, now, this.d.thresholds.missingSecondsPerHour)) await this.apply(condition, now);
  }

  private async apply(condition: HealthCondition, now: Date): Promise<void> {
    const key = keyOf(condition.kind, condition.subject);
    const open = this.open!;
    const known = open.get(key);
    if (condition.active && !known) {
      await this.d.alarms.raise({ kind: condition.kind, cameraId: condition.cameraId, subject: condition.subject, at: condition.since ?? now.toISOString(), details: condition.details });
      if (!factsOf(condition.kind).instant) open.set(key, { kind: condition.kind, subject: condition.subject, cameraId: condition.cameraId, refreshedAt: now.getTime() });
    } else if (condition.active && known && now.getTime() - (known.refreshedAt ?? 0) >= REFRESH_MS) {
      // Raising an open alarm again only refreshes its figures (how long down, how many reconnects).
      await this.d.alarms.raise({ kind: condition.kind, cameraId: condition.cameraId, subject: condition.subject, details: condition.details });
      known.refreshedAt = now.getTime();
    } else if (!condition.active && open.has(key)) {
      await this.end(condition.kind, condition.subject, now);
    }
  }

  private async end(kind: AlarmKind, subject: string, now: Date): Promise<void> {
    await this.d.alarms.resolve(kind, subject, now.toISOString());
    this.open?.delete(keyOf(kind, subject));
  }
}

const keyOf = (kind: AlarmKind, subject: string): string => `${kind}:${subject}`;
