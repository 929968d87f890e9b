/**
 * Moving a camera (PTZ): the driver is the first registered factory's that reaches the camera (ONVIF,
 * GB/T 28181 …). PTZ on the camera is checked through the grant's scope; taking control writes an
 * access-register entry (operation PTZ: camera, operator, reason if given), one per control session:
 * after `idleMinutes` without a command the next one opens a new entry. A refusal is a DENIAL entry.
 */
import type { AuthorizationService } from '../../access/authorization/authorization-service.ts';
import type { Principal } from '../../access/principal.ts';
import type { ReasonInput } from '../../access/register/model.ts';
import type { RegisterService } from '../../access/register/register-service.ts';
import type { CameraRecord } from '../../registry/model.ts';
import type { Clock } from '../../shared/clock.ts';
import { ConflictError, DomainError, InvalidError } from '../../shared/errors.ts';
import type { PtzDriver, PtzDriverFactory, PtzPreset, PtzVelocity } from './ptz-driver.ts';

export interface PtzServiceDeps {
  clock: Clock;
  gate: Pick<AuthorizationService, 'requireCamera'>;
  register: Pick<RegisterService, 'open' | 'deny'>;
  camera: (id: string) => Promise<CameraRecord>;
  idleMinutes: number;
}

/** Kept on the entry when the operator gave no reason (the register needs one). */
const NO_REASON_GIVEN = { category: 'PUBLIC_SECURITY_MONITORING', text: '云台控制,操作员未填写事由 (PTZ control, no reason given)' };

export interface PtzControlResult {
  /** The register entry of the control session this command belongs to. */
  registerEntryId: string;
}

export class PtzService {
  private readonly factories: PtzDriverFactory[] = [];
  /** userId + cameraId → the session's entry and its last command. */
  private readonly sessions = new Map<string, { entryId: string; lastAt: number }>();

  constructor(private readonly deps: PtzServiceDeps) {}

  register(factory: PtzDriverFactory): void {
    this.factories.push(factory);
  }

  async move(principal: Principal, cameraId: string, velocity: PtzVelocity, reason?: ReasonInput): Promise<PtzControlResult> {
    for (const axis of ['pan', 'tilt', 'zoom'] as const) {
      if (!Number.isFinite(velocity[axis]) || Math.abs(velocity[axis]) > 1) throw new InvalidError('E_PTZ_VELOCITY', { message: { zh: '速度须在 -1 与 1 之间', en: 'Speeds must lie between -1 and 1' }, details: { field: axis } });
    }
    return this.control(principal, cameraId, reason, (driver) => driver.continuousMove(velocity));
  }

  async stop(principal: Principal, cameraId: string): Promise<PtzControlResult> {
    return this.control(principal, cameraId, undefined, (driver) => driver.stop());
  }

  async gotoPreset(principal: Principal, cameraId: string, token: string, reason?: ReasonInput): Promise<PtzControlResult> {
    return this.control(principal, cameraId, reason, (driver) => driver.gotoPreset(token));
  }

  async setPreset(principal: Principal, cameraId: string, name: string, reason?: ReasonInput): Promise<PtzPreset> {
    let preset: PtzPreset | undefined;
    await this.control(principal, cameraId, reason, async (driver) => {
      preset = await driver.setPreset(name);
    });
    return preset as PtzPreset;
  }

  /** Reading the presets needs PTZ on the camera but takes no control. */
  async presets(principal: Principal, cameraId: string): Promise<PtzPreset[]> {
    await this.deps.gate.requireCamera(principal, 'PTZ', cameraId);
    return (await this.driver(cameraId)).presets();
  }

  private async control(principal: Principal, cameraId: string, reason: ReasonInput | undefined, command: (driver: PtzDriver) => Promise<void>): Promise<PtzControlResult> {
    try {
      await this.deps.gate.requireCamera(principal, 'PTZ', cameraId);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'FORBIDDEN') {
        await this.deps.register.deny(principal, { operation: 'PTZ', reason: reason ?? null, content: { cameraIds: [cameraId], ranges: [], operation: 'PTZ' }, error: { code: error.code, ...(error.article ? { article: error.article } : {}) } });
      }
      throw error;
    }
    const driver = await this.driver(cameraId);
    const entryId = await this.session(principal, cameraId, reason);
    await command(driver);
    return { registerEntryId: entryId };
  }

  private async session(principal: Principal, cameraId: string, reason: ReasonInput | undefined): Promise<string> {
    const key = `${principal.userId}\n${cameraId}`;
    const now = this.deps.clock.now().getTime();
    const open = this.sessions.get(key);
    if (open && now - open.lastAt <= this.deps.idleMinutes * 60_000) {
      open.lastAt = now;
      return open.entryId;
    }
    for (const [k, session] of this.sessions) if (now - session.lastAt > this.deps.idleMinutes * 60_000) this.sessions.delete(k);
    const given = reason && (reason.category || reason.text) ? reason : NO_REASON_GIVEN;
    const entry = await this.deps.register.open(principal, { operation: 'PTZ', reason: given, content: { cameraIds: [cameraId], ranges: [{ cameraId, from: new Date(now).toISOString(), to: null }], operation: 'PTZ' } });
    this.sessions.set(key, { entryId: entry.id, lastAt: now });
    return entry.id;
  }

  private async driver(cameraId: string): Promise<PtzDriver> {
    const camera = await this.deps.camera(cameraId);
    for (const factory of this.factories) {
      const driver = await factory(camera);
      if (driver) return driver;
    }
    throw new ConflictError('E_PTZ_UNSUPPORTED', { message: { zh: `摄像机 ${camera.name} 不支持云台控制`, en: `Camera ${camera.name} cannot be moved (no PTZ driver reaches it)` }, details: { cameraId } });
  }
}
