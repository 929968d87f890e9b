/**
 * Capacity forecast and the full-disk policy (REG-17-2, AMB-17): measures ingest from the segment
 * index, raises RETENTION_AT_RISK days ahead, and when free space reaches the reserve stops the
 * lowest-priority streams (never HIGH) with RECORDING_SUSPENDED_CAPACITY, resuming them once there
 * is room again. It never deletes anything: footage goes only through the gate.
 */
import path from 'node:path';
import type { Db } from '../db/connect.ts';
import { camerasRepository } from '../registry/repositories/index.ts';
import type { Clock } from '../shared/clock.ts';
import { forecastCapacity, resumeThreshold, WARN_DAYS, type CameraLoad, type CapacityForecast } from './capacity.ts';
import { statfsProbe, type DiskProbe } from './deletion-fs.ts';
import { retentionInForce } from './eligibility.ts';
import { cameraFacts } from './facts-repository.ts';
import type { RetentionFinding } from './findings.ts';
import { recordChange } from './history.ts';
import { DEFAULT_PRIORITY, type CameraPriority } from './model.ts';
import { retentionDb } from './tables.ts';

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 7;

export interface CapacityDeps {
  db: Db;
  clock: Clock;
  /** The folder whose file system holds the segments. */
  dataDir: string;
  probe?: DiskProbe;
  /** Fixed reserve in bytes (default: max(256 MiB, one hour of ingest), at most 5 % of the volume; capacity.ts). */
  reserveBytes?: number;
  priorities(): Promise<Map<string, CameraPriority>>;
  onEvent?(event: CapacityEvent): void;
}

export interface CapacityEvent {
  kind: 'RECORDING_SUSPENDED_CAPACITY' | 'RECORDING_RESUMED_CAPACITY' | 'RETENTION_AT_RISK';
  cameraId: string | null;
  at: string;
  detail: Record<string, unknown>;
}

export interface Suspension {
  cameraId: string;
  reason: string;
  since: string;
  detail: string | null;
}

export interface CapacityReport {
  at: string;
  forecast: CapacityForecast;
  cameras: (CameraLoad & { priority: CameraPriority; suspended: boolean })[];
  findings: RetentionFinding[];
  suspended: Suspension[];
}

export class CapacityService {
  constructor(private readonly d: CapacityDeps) {}

  /** The forecast and its findings; changes nothing. */
  async report(): Promise<CapacityReport> {
    const now = this.d.clock.now();
    const loads = await this.loads(now);
    const forecast = forecastCapacity(loads, await (this.d.probe ?? statfsProbe)(path.resolve(this.d.dataDir)), this.d.reserveBytes);
    const priorities = await this.d.priorities();
    const suspended = await this.suspensions();
    const ids = new Set(suspended.map((s) => s.cameraId));
    return {
      at: now.toISOString(),
      forecast,
      cameras: loads.map((l) => ({ ...l, priority: priorities.get(l.cameraId) ?? DEFAULT_PRIORITY, suspended: ids.has(l.cameraId) })),
      findings: findingsOf(forecast, suspended),
      suspended,
    };
  }

  /** The full-disk policy, run with each sweep: suspends or resumes streams; returns the report after. */
  async enforce(): Promise<CapacityReport> {
    const report = await this.report();
    const at = report.at;
    const { forecast } = report;
    if (forecast.exhausted || (forecast.daysUntilAtRisk !== null && forecast.daysUntilAtRisk <= WARN_DAYS)) {
      this.d.onEvent?.({ kind: 'RETENTION_AT_RISK', cameraId: null, at, detail: { freeBytes: forecast.freeBytes, daysUntilAtRisk: forecast.daysUntilAtRisk } });
    }
    if (forecast.exhausted) await this.suspendLowest(report);
    else if (report.suspended.length > 0 && forecast.freeBytes > resumeThreshold(forecast)) await this.resumeAll(report.suspended);
    else return report;
    return this.report();
  }

  async suspensions(): Promise<Suspension[]> {
    return retentionDb(this.d.db).selectFrom('recordingSuspensions').selectAll().orderBy('cameraId').execute();
  }

  /** Camera ids whose recording is suspended for capacity: the recorder leaves them stopped. */
  async suspendedIds(): Promise<Set<string>> {
    return new Set((await this.suspensions()).map((s) => s.cameraId));
  }

  private async suspendLowest(report: CapacityReport): Promise<void> {
    const priorities = await this.d.priorities();
    const suspended = new Set(report.suspended.map((s) => s.cameraId));
    const recording = (await camerasRepository.list(this.d.db, { status: 'ACTIVE' })).filter((c) => !suspended.has(c.id));
    for (const level of ['LOW', 'NORMAL'] as const) {
      const victims = recording.filter((c) => (priorities.get(c.id) ?? DEFAULT_PRIORITY) === level);
      if (victims.length === 0) continue;
      const now = this.d.clock.now();
      const detail = { freeBytes: report.forecast.freeBytes, reserveBytes: report.forecast.reserveBytes, priority: level };
      await retentionDb(this.d.db)
        .transaction()
        .execute(async (tx) => {
          for (const camera of victims) {
            const row = { cameraId: camera.id, reason: 'RECORDING_SUSPENDED_CAPACITY', since: now.toISOString(), detail: JSON.stringify(detail) };
            await tx.insertInto('recordingSuspensions').values(row).execute();
            await recordChange(tx, { entityType: 'recording', entityId: camera.id, action: 'RECORDING_SUSPENDED_CAPACITY', actor: { name: 'system', reason: 'storage exhausted (AMB-17)' }, at: now, before: null, after: row });
          }
        });
      for (const camera of victims) this.d.onEvent?.({ kind: 'RECORDING_SUSPENDED_CAPACITY', cameraId: camera.id, at: now.toISOString(), detail });
      return;
    }
  }

  private async resumeAll(suspended: readonly Suspension[]): Promise<void> {
    const now = this.d.clock.now();
    await retentionDb(this.d.db)
      .transaction()
      .execute(async (tx) => {
        for (const s of suspended) {
          await tx.deleteFrom('recordingSuspensions').where('cameraId', '=', s.cameraId).execute();
          await recordChange(tx, { entityType: 'recording', entityId: s.cameraId, action: 'RECORDING_RESUMED_CAPACITY', actor: { name: 'system', reason: 'storage available again' }, at: now, before: s, after: null });
        }
      });
    for (const s of suspended) this.d.onEvent?.({ kind: 'RECORDING_RESUMED_CAPACITY', cameraId: s.cameraId, at: now.toISOString(), detail: {} });
  }

  private async loads(now: Date): Promise<CameraLoad[]> {
    const since = new Date(now.getTime() - WINDOW_DAYS * DAY_MS).toISOString();
    const recent = await this.d.db
      .selectFrom('segments')
      .select((eb) => ['cameraId', eb.fn.sum<number | string>('bytes').as('bytes'), eb.fn.min<string>('startAt').as('first')])
      .where('startAt', '>=', since)
      .groupBy('cameraId')
      .execute();
    const stored = await this.d.db
      .selectFrom('segments')
      .select((eb) => ['cameraId', eb.fn.sum<number | string>('bytes').as('bytes')])
      .groupBy('cameraId')
      .execute();
    const rate = new Map(recent.map((r) => [r.cameraId, Number(r.bytes) / Math.max(1 / 24, (now.getTime() - Date.parse(r.first)) / DAY_MS)]));
    const loads: CameraLoad[] = [];
    for (const camera of await camerasRepository.list(this.d.db)) {
      const storedBytes = Number(stored.find((s) => s.cameraId === camera.id)?.bytes ?? 0);
      if (camera.status !== 'ACTIVE' && storedBytes === 0) continue;
      const facts = await cameraFacts(this.d.db, camera, now);
      const longest = Math.max(...facts.timeline.map((t) => t.days));
      const inForce = retentionInForce(facts.timeline, new Date(now.getTime() - longest * DAY_MS).toISOString(), now);
      loads.push({ cameraId: camera.id, bytesPerDay: camera.status === 'ACTIVE' ? Math.round(rate.get(camera.id) ?? 0) : 0, storedBytes, keepDays: Math.max(facts.floorDays ?? 0, inForce) });
    }
    return loads;
  }
}

function findingsOf(f: CapacityForecast, suspended: readonly Suspension[]): RetentionFinding[] {
  const out: RetentionFinding[] = [];
  const storage = { type: 'storage' as const, id: 'segments' };
  const gib = (n: number) => (n / 2 ** 30).toFixed(1);
  if (f.exhausted || (f.daysUntilAtRisk !== null && f.daysUntilAtRisk <= WARN_DAYS)) {
    const days = f.daysUntilAtRisk === null ? 0 : Math.floor(f.daysUntilAtRisk);
    out.push({
      ruleId: 'REG-17-2',
      code: 'RETENTION_AT_RISK',
      article: '17',
      severity: 'CRITICAL',
      message: f.exhausted
        ? { zh: `存储空间已耗尽(剩余 ${gib(f.freeBytes)} GiB),未到期录像不会被删除,低优先级视频流已停止录像`, en: `Storage is exhausted (${gib(f.freeBytes)} GiB free); footage not yet eligible is never deleted, low-priority streams stop recording` }
        : { zh: `预计 ${days} 天后存储空间不足以保存 ${f.retentionDays} 天录像`, en: `In about ${days} days storage will not hold ${f.retentionDays} days of footage` },
      subject: storage,
      details: { freeBytes: f.freeBytes, neededBytes: f.neededBytes, usableBytes: f.usableBytes, daysUntilAtRisk: f.daysUntilAtRisk, exhausted: f.exhausted },
    });
  }
  if (f.achievableDays !== null && f.achievableDays < f.retentionDays) {
    out.push({ ruleId: 'REG-15-9', code: 'STORAGE_INSUFFICIENT', article: '17', severity: 'NONCOMPLIANT', message: { zh: `存储可保存 ${f.achievableDays.toFixed(2)} 天,少于保存期限 ${f.retentionDays} 天`, en: `Storage holds ${f.achievableDays.toFixed(2)} days, less than the ${f.retentionDays}-day retention` }, subject: storage, details: { achievableDays: f.achievableDays, retentionDays: f.retentionDays } });
  } else if (f.achievableDays !== null && f.achievableDays < f.retentionDays + WARN_DAYS) {
    out.push({ ruleId: 'REG-15-9', code: 'STORAGE_HEADROOM_LOW', article: '17', severity: 'ADVISORY', message: { zh: `存储可保存 ${f.achievableDays.toFixed(2)} 天,余量不足 ${WARN_DAYS} 天`, en: `Storage holds ${f.achievableDays.toFixed(2)} days, under ${WARN_DAYS} days of headroom` }, subject: storage, details: { achievableDays: f.achievableDays, retentionDays: f.retentionDays } });
  }
  for (const s of suspended) {
    out.push({ ruleId: 'REG-17-2', code: 'RECORDING_SUSPENDED_CAPACITY', article: '15', severity: 'CRITICAL', message: { zh: `摄像机 ${s.cameraId} 因存储不足已停止录像`, en: `Camera ${s.cameraId} stopped recording: storage exhausted` }, subject: { type: 'camera', id: s.cameraId }, details: { since: s.since } });
  }
  return out;
}
