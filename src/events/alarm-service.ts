/**
 * The alarm store (arts. 15, 23): detectors and monitors raise and end alarms here (AlarmSink); people
 * list, read and acknowledge them within their reach. Every change is published on the event bus for
 * MQTT, webhooks, syslog and the browser. A look at an alarm's snapshot is a look at video: LIVE on the
 * camera and an entry in the access register (art. 16).
 */
import type { AuthorizationService } from '../access/authorization/authorization-service.ts';
import { cameraTarget, type Target } from '../access/authorization/target.ts';
import type { Principal } from '../access/principal.ts';
import type { RegisterService } from '../access/register/register-service.ts';
import type { Db } from '../db/connect.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import type { Clock } from '../shared/clock.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { factsOf, type AlarmCategory, type AlarmKind } from './alarm-kinds.ts';
import { alarmAckCommentRequired, alarmAlreadyAcknowledged, alarmNotFound, snapshotNotKept, systemAlarmsNotGranted } from './alarm-errors.ts';
import type { AlarmRecord, RaiseAlarmInput } from './alarm-model.ts';
import { alarmRepository as repo, openKeyOf, type AlarmFilter } from './alarm-repository.ts';
import type { AlarmSink } from './alarm-sink.ts';
import { AlarmSnapshotStore } from './alarm-snapshot-store.ts';
import type { EventBus } from './event-bus.ts';

export interface AlarmServiceDeps {
  db: Db;
  clock: Clock;
  gate: AuthorizationService;
  register: RegisterService;
  bus: EventBus;
  dataDir: string;
}

export interface AlarmQuery {
  cameraId?: string | undefined;
  kind?: AlarmKind | undefined;
  category?: AlarmCategory | undefined;
  open?: boolean | undefined;
  unacknowledged?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
}

export class AlarmService implements AlarmSink {
  readonly snapshots: AlarmSnapshotStore;

  constructor(private readonly deps: AlarmServiceDeps) {
    this.snapshots = new AlarmSnapshotStore(deps.dataDir);
  }

  async raise(input: RaiseAlarmInput): Promise<AlarmRecord> {
    const { db, clock } = this.deps;
    const facts = factsOf(input.kind);
    const cameraId = input.cameraId ?? null;
    const subject = input.subject ?? cameraId ?? 'system';
    const at = input.at ?? clock.now().toISOString();
    const openKey = facts.instant ? null : openKeyOf(input.kind, subject);
    if (openKey) {
      const open = await repo.openByKey(db, openKey);
      if (open) return this.refresh(open, input.details);
    }
    const id = newId('alm');
    const snapshots = [];
    for (const snapshot of input.snapshots ?? []) snapshots.push(await this.snapshots.save(id, snapshot));
    const now = clock.now().toISOString();
    let alarm: AlarmRecord;
    try {
      alarm = await repo.insert(db, {
        id,
        kind: input.kind,
        category: facts.category,
        severity: input.severity ?? facts.severity,
        article: facts.article,
        cameraId,
        subject,
        openKey,
        startedAt: at,
        endedAt: facts.instant ? at : null,
        details: JSON.stringify(input.details ?? {}),
        snapshots: JSON.stringify(snapshots),
        acknowledgedBy: null,
        acknowledgedByName: null,
        acknowledgedByUnitName: null,
        acknowledgedAt: null,
        acknowledgementComment: null,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      // Another process raised the same alarm a moment ago: that one stands.
      const open = openKey && isUniqueViolation(error) ? await repo.openByKey(db, openKey) : undefined;
      if (!open) throw error;
      return open;
    }
    this.deps.bus.publish({ type: 'alarm.raised', alarm });
    return alarm;
  }

  async resolve(kind: AlarmKind, subject: string, at?: string): Promise<AlarmRecord | undefined> {
    const { db, clock } = this.deps;
    const open = await repo.openByKey(db, openKeyOf(kind, subject));
    if (!open) return undefined;
    const endedAt = at ?? clock.now().toISOString();
    await repo.update(db, open.id, { endedAt, openKey: null, updatedAt: clock.now().toISOString() });
    const alarm = { ...open, endedAt };
    this.deps.bus.publish({ type: 'alarm.ended', alarm });
    return alarm;
  }

  /** Whether an alarm of this kind is open for the subject now. */
  async isOpen(kind: AlarmKind, subject: string): Promise<boolean> {
    return (await repo.openByKey(this.deps.db, openKeyOf(kind, subject))) !== undefined;
  }

  /** The alarms the principal may see, newest first. */
  async list(principal: Principal, query: AlarmQuery = {}): Promise<AlarmRecord[]> {
    const systemVisible = await this.seesSystemAlarms(principal);
    const filter: AlarmFilter = {
      kinds: query.kind ? [query.kind] : undefined,
      categories: query.category ? [query.category] : undefined,
      open: query.open,
      unacknowledged: query.unacknowledged,
      from: query.from,
      to: query.to,
      limit: query.limit,
    };
    if (query.cameraId) {
      await this.requireCameraVisible(principal, query.cameraId);
      return repo.list(this.deps.db, { ...filter, cameraIds: [query.cameraId], withoutCamera: false });
    }
    const alarms = await repo.list(this.deps.db, { ...filter, withoutCamera: systemVisible ? undefined : false });
    const reach = await this.deps.gate.reach(principal);
    const targets = new Map<string, Target>();
    const visible: AlarmRecord[] = [];
    for (const alarm of alarms) {
      if (alarm.cameraId === null) {
        if (systemVisible) visible.push(alarm);
        continue;
      }
      let target = targets.get(alarm.cameraId);
      if (!target) targets.set(alarm.cameraId, (target = await cameraTarget(this.deps.db, alarm.cameraId)));
      if (reach.everything || reach.covers(target)) visible.push(alarm);
    }
    return visible;
  }

  async get(principal: Principal, id: string): Promise<AlarmRecord> {
    const alarm = await repo.get(this.deps.db, id);
    if (!alarm) throw alarmNotFound(id);
    await this.requireVisible(principal, alarm);
    return alarm;
  }

  /** Whether the alarm is within the principal's reach, as get() decides (the browser's alarm stream sends only those). */
  async visibleTo(principal: Principal, alarm: AlarmRecord): Promise<boolean> {
    return this.requireVisible(principal, alarm).then(
      () => true,
      (error: unknown) => {
        if (error instanceof ForbiddenError || error instanceof NotFoundError) return false;
        throw error;
      },
    );
  }

  /** Records who acknowledged the alarm, when, and what they did about it. */
  async acknowledge(principal: Principal, id: string, comment: string): Promise<AlarmRecord> {
    const { db, clock, gate } = this.deps;
    const alarm = await this.get(principal, id);
    const text = comment.trim();
    if ([...text].length < 4) throw alarmAckCommentRequired();
    if (alarm.cameraId !== null) {
      const target = await cameraTarget(db, alarm.cameraId);
      const allowed = (await gate.may(principal, 'LIVE', target)) || (await gate.may(principal, 'CONFIG', target)) || (await gate.may(principal, 'AUDIT', target));
      if (!allowed) {
        throw new ForbiddenError('E_NO_CAMERA_PERMISSION', {
          article: '16.2(2)',
          message: { zh: '确认摄像机告警须对该摄像机具有实时查看、配置或审计权限', en: "Acknowledging a camera's alarm needs LIVE, CONFIG or AUDIT on that camera" },
          details: { cameraId: alarm.cameraId },
        });
      }
    }
    if (alarm.acknowledgement) throw alarmAlreadyAcknowledged(id);
    const at = clock.now().toISOString();
    await repo.update(db, id, {
      acknowledgedBy: principal.userId,
      acknowledgedByName: principal.displayName,
      acknowledgedByUnitName: principal.unitName,
      acknowledgedAt: at,
      acknowledgementComment: text,
      updatedAt: at,
    });
    const acknowledged = { ...alarm, acknowledgement: { userId: principal.userId, name: principal.displayName, unitName: principal.unitName, at, comment: text } };
    this.deps.bus.publish({ type: 'alarm.acknowledged', alarm: acknowledged });
    return acknowledged;
  }

  /** The JPEG kept with the alarm; LIVE on the camera, and the look is registered (art. 16). */
  async snapshot(principal: Principal, id: string, which: 'before' | 'after'): Promise<{ jpeg: Buffer; registerEntryId: string }> {
    const alarm = await this.get(principal, id);
    const ref = alarm.snapshots.find((s) => s.which === which);
    if (!ref || alarm.cameraId === null) throw snapshotNotKept(id, which);
    await this.deps.gate.requireCamera(principal, 'LIVE', alarm.cameraId);
    const jpeg = await this.snapshots.read(id, which);
    const entry = await this.deps.register.open(principal, {
      operation: 'SNAPSHOT',
      reason: { category: 'PUBLIC_SECURITY_MONITORING', text: `告警核查 alarm review ${alarm.kind} ${alarm.id}` },
      content: {
        cameraIds: [alarm.cameraId],
        ranges: [{ cameraId: alarm.cameraId, from: ref.at, to: ref.at }],
        operation: 'SNAPSHOT',
        fileHashes: [{ file: `alarms/${id}/${which}.jpg`, bytes: ref.bytes, sha256: ref.sha256 }],
      },
    });
    return { jpeg, registerEntryId: entry.id };
  }

  private async refresh(open: AlarmRecord, details: Record<string, unknown> | undefined): Promise<AlarmRecord> {
    if (!details) return open;
    const merged = { ...open.details, ...details };
    await repo.update(this.deps.db, open.id, { details: JSON.stringify(merged), updatedAt: this.deps.clock.now().toISOString() });
    return { ...open, details: merged };
  }

  private async seesSystemAlarms(principal: Principal): Promise<boolean> {
    const { gate } = this.deps;
    if ((await gate.reach(principal, 'CONFIG')).everything || (await gate.reach(principal, 'AUDIT')).everything) return true;
    return gate.requireAdministration(principal).then(
      () => true,
      (error: unknown) => {
        if (error instanceof ForbiddenError) return false;
        throw error;
      },
    );
  }

  private async requireCameraVisible(principal: Principal, cameraId: string): Promise<void> {
    await this.deps.gate.requireVisible(principal, await cameraTarget(this.deps.db, cameraId), 'camera', cameraId);
  }

  private async requireVisible(principal: Principal, alarm: AlarmRecord): Promise<void> {
    if (alarm.cameraId !== null) {
      try {
        await this.requireCameraVisible(principal, alarm.cameraId);
      } catch (error) {
        if (error instanceof NotFoundError) throw alarmNotFound(alarm.id);
        throw error;
      }
      return;
    }
    if (!(await this.seesSystemAlarms(principal))) throw systemAlarmsNotGranted();
  }
}
