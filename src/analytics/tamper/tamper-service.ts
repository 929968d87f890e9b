/**
 * Tamper detection settings per camera (art. 23(2)): read them with any reach over the camera; change
 * them or have the picture re-learnt (an authorised move, with a reason kept in the history) with CONFIG
 * on it. The recorder's monitors, wherever they run, are told through the attached control.
 */
import type { AuthorizationService } from '../../access/authorization/authorization-service.ts';
import { cameraTarget } from '../../access/authorization/target.ts';
import type { Principal } from '../../access/principal.ts';
import type { Db } from '../../db/connect.ts';
import type { AlarmService } from '../../events/alarm-service.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { relearnReasonRequired, RELEARN_REASON_MIN } from './tamper-errors.ts';
import { TAMPER_KINDS, type TamperKind, type TamperSettings } from './tamper-model.ts';
import { tamperRepository, type TamperRelearn } from './tamper-repository.ts';

/** The recorder side: RecorderService implements it. */
export interface TamperControl {
  setTamperSettings(cameraId: string, settings: TamperSettings): void;
  relearnTamper(cameraId: string): void;
}

export interface TamperKindState {
  kind: TamperKind;
  active: boolean;
  since: string | null;
  alarmId: string | null;
}

export interface TamperView extends TamperSettings {
  cameraId: string;
  /** When the camera's normal picture was learned; null while it is being learned. */
  learnedAt: string | null;
  kinds: TamperKindState[];
}

export interface TamperServiceDeps {
  db: Db;
  clock: Clock;
  gate: AuthorizationService;
  alarms: AlarmService;
}

export class TamperService {
  private control: TamperControl | undefined;

  constructor(private readonly deps: TamperServiceDeps) {}

  /** The server attaches the recorder once it exists. */
  attach(control: TamperControl | undefined): void {
    this.control = control;
  }

  async get(principal: Principal, cameraId: string): Promise<TamperView> {
    await this.requireVisible(principal, cameraId);
    const { settings, reference } = await tamperRepository.load(this.deps.db, cameraId);
    const open = await this.deps.alarms.list(principal, { cameraId, category: 'TAMPER', open: true });
    const kinds = TAMPER_KINDS.map((kind): TamperKindState => {
      const alarm = open.find((a) => a.kind === kind);
      return { kind, active: alarm !== undefined, since: alarm?.startedAt ?? null, alarmId: alarm?.id ?? null };
    });
    return { cameraId, ...settings, learnedAt: reference?.learnedAt ?? null, kinds };
  }

  async update(principal: Principal, cameraId: string, settings: TamperSettings): Promise<TamperView> {
    await this.deps.gate.requireCamera(principal, 'CONFIG', cameraId);
    await tamperRepository.saveSettings(this.deps.db, cameraId, settings, this.deps.clock.now().toISOString());
    this.control?.setTamperSettings(cameraId, settings);
    if (!settings.enabled) await this.endAlarms(cameraId);
    return this.get(principal, cameraId);
  }

  /** The camera's picture is learnt afresh: the old reference goes, open tamper alarms end, the reason is kept. */
  async relearn(principal: Principal, cameraId: string, reason: string): Promise<TamperView> {
    const text = reason.trim();
    if ([...text].length < RELEARN_REASON_MIN) throw relearnReasonRequired();
    await this.deps.gate.requireCamera(principal, 'CONFIG', cameraId);
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await tamperRepository.addRelearn(trx, { id: newId('trl'), cameraId, userId: principal.userId, userName: principal.displayName || principal.username, reason: text, at });
      await tamperRepository.saveReference(trx, cameraId, null, at);
    });
    this.control?.relearnTamper(cameraId);
    await this.endAlarms(cameraId, at);
    return this.get(principal, cameraId);
  }

  async history(principal: Principal, cameraId: string): Promise<TamperRelearn[]> {
    await this.requireVisible(principal, cameraId);
    return tamperRepository.relearns(this.deps.db, cameraId);
  }

  private async endAlarms(cameraId: string, at?: string): Promise<void> {
    for (const kind of TAMPER_KINDS) await this.deps.alarms.resolve(kind, cameraId, at);
  }

  private async requireVisible(principal: Principal, cameraId: string): Promise<void> {
    await this.deps.gate.requireVisible(principal, await cameraTarget(this.deps.db, cameraId), 'camera', cameraId);
  }
}
