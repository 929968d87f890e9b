/**
 * The access gate (REG-16-2, REG-16-3, REG-16-4, REG-19-2): whether a principal may call a route, and
 * whether they may act on one camera now. Refusals are ForbiddenErrors with stable codes.
 */
import type { Db } from '../../db/connect.ts';
import { camerasRepository } from '../../registry/repositories/index.ts';
import type { RegistryContext } from '../../registry/services/context.ts';
import { ForbiddenError, NotFoundError, type DomainError } from '../../shared/errors.ts';
import type { Action } from '../actions.ts';
import type { AccessGate, CameraPermission } from '../camera-permission.ts';
import type { CameraGroupRecord } from '../duty/camera-group-model.ts';
import { grantsRepository, type ActiveGrant } from '../grants/grants-repository.ts';
import { requirePrerequisitesForAccess } from '../personnel/prerequisites.ts';
import type { Principal } from '../principal.ts';
import { cameraGroupsRepository, dutyShiftsRepository } from '../repositories.ts';
import { loadUserFacts, type UserFacts } from './user-facts.ts';
import { scopeCovers } from './scope.ts';
import { accountExpired } from '../accounts/auth-errors.ts';
import { cameraTarget, type Target } from './target.ts';

/** Actions that show or hand out video, and so need the personnel prerequisites of important positions. */
const VIDEO_ACTIONS: ReadonlySet<Action> = new Set(['LIVE', 'PLAYBACK', 'EXPORT', 'REDACT', 'PTZ']);

function tokenScopeRefusal(scope: string): ForbiddenError {
  return new ForbiddenError('E_TOKEN_SCOPE', {
    message: { zh: `该访问令牌无 ${scope} 权限范围`, en: `This API token's scopes do not include ${scope}` },
    details: { scope },
  });
}

function administrationRefusal(): ForbiddenError {
  return new ForbiddenError('E_ADMINISTRATION_NOT_GRANTED', {
    article: '16.2(2)',
    message: {
      zh: '管理账户与授权须由本单位人员以管理权限(ADMINISTER)进行',
      en: "Administering accounts and access needs the ADMINISTER power, held by the unit's own staff",
    },
  });
}

function outOfScopeRefusal(action: Action, target: Target): ForbiddenError {
  return new ForbiddenError('E_OUT_OF_SCOPE', {
    article: '16.2(2)',
    message: { zh: `您的授权范围不包括此对象(${action})`, en: `This object is outside the scope of your ${action} grants` },
    details: { action, unitId: target.unitId, siteId: target.siteId ?? null, cameraId: target.cameraId ?? null },
  });
}

/** `db`: the transaction a check runs in (a SQLite transaction holds the only connection). */
export interface OverOptions {
  db?: Db;
  refusal?: () => DomainError;
}

/** What a principal can reach: everything (an ALL scope), or the objects `covers` says yes to. */
export interface Reach {
  everything: boolean;
  covers(target: Target): boolean;
}

function contractorExportRefusal(): ForbiddenError {
  return new ForbiddenError('E_CONTRACTOR_EXPORT_FORBIDDEN', {
    article: '19',
    message: { zh: '受托单位人员不得导出视频图像信息', en: "A contractor's staff may not export video" },
  });
}

export class AuthorizationService implements AccessGate {
  constructor(private readonly ctx: RegistryContext) {}

  async requireRead(principal: Principal): Promise<void> {
    if (principal.tokenScopes && !principal.tokenScopes.includes('READ')) throw tokenScopeRefusal('READ');
    await this.requireUser(principal);
  }

  async requireAction(principal: Principal, action: Action): Promise<void> {
    if (principal.tokenScopes && !principal.tokenScopes.includes(action)) throw tokenScopeRefusal(action);
    const user = await this.requireUser(principal);
    if (user.kind === 'CONTRACTOR' && action === 'EXPORT') throw contractorExportRefusal();
    const grants = await grantsRepository.activeFor(this.ctx.db, principal.userId, this.ctx.clock.now());
    if (grants.some(({ role }) => role.actions.includes(action))) return;
    throw new ForbiddenError('E_ACTION_NOT_GRANTED', {
      article: '16.2(2)',
      message: { zh: `未获授权执行此操作(${action})`, en: `You have no grant for ${action}` },
      details: { action },
    });
  }

  /**
   * The route-level gate of administration (users, grants, roles, personnel, groups, shifts, units,
   * commissions, filings): ADMINISTER in some grant, held by staff. Which objects may be administered
   * is checked by the service against each object's unit (requireOver with ADMINISTER).
   */
  async requireAdministration(principal: Principal): Promise<void> {
    if (principal.tokenScopes && !principal.tokenScopes.includes('ADMINISTER')) throw tokenScopeRefusal('ADMINISTER');
    const user = await this.requireUser(principal);
    const grants = await grantsRepository.activeFor(this.ctx.db, principal.userId, this.ctx.clock.now());
    if (user.kind === 'STAFF' && grants.some(({ role }) => role.actions.includes('ADMINISTER'))) return;
    throw administrationRefusal();
  }

  async requireCamera(principal: Principal, action: Action, cameraId: string): Promise<CameraPermission> {
    const camera = await camerasRepository.get(this.ctx.db, cameraId);
    if (!camera) throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到摄像机 ${cameraId}`, en: `No camera ${cameraId}` } });
    const target = await cameraTarget(this.ctx.db, cameraId);
    const best = await this.requireOver(principal, action, target, {
      refusal: () =>
        new ForbiddenError('E_NO_CAMERA_PERMISSION', {
          article: '16.2(2)',
          message: { zh: `无权对摄像机 ${camera.name} 执行 ${action}`, en: `You have no ${action} permission on camera ${camera.name}` },
          details: { cameraId, action },
        }),
    });
    return {
      cameraId,
      siteId: camera.siteId,
      grantId: best.grant.id,
      roleId: best.role.id,
      roleKey: best.role.key,
      roleName: best.role.name,
      playbackDepthHours: best.role.playbackDepthHours,
    };
  }

  /**
   * The principal may do `action` on this object now: an active grant carrying the action whose scope
   * covers the object (and, for video, the personnel prerequisites). Returns the grant allowing the
   * deepest playback. ADMINISTER is staff-only: a contractor never administers access (art. 19).
   */
  async requireOver(principal: Principal, action: Action, target: Target, options: OverOptions = {}): Promise<ActiveGrant> {
    if (principal.tokenScopes && !principal.tokenScopes.includes(action)) throw tokenScopeRefusal(action);
    const db = options.db ?? this.ctx.db;
    const at = this.ctx.clock.now();
    const user = await this.requireUser(principal, db);
    if (user.kind === 'CONTRACTOR' && action === 'EXPORT') throw contractorExportRefusal();
    if (user.kind !== 'STAFF' && action === 'ADMINISTER') throw administrationRefusal();
    const active = await grantsRepository.activeFor(db, principal.userId, at);
    const groups = await this.groupsOf(active, db);
    const candidates = active.filter(({ grant, role }) => role.actions.includes(action) && scopeCovers(grant, target, groups));
    if (candidates.length === 0) throw options.refusal?.() ?? outOfScopeRefusal(action, target);
    let prerequisiteRefusal: DomainError | undefined;
    const allowed: ActiveGrant[] = [];
    for (const candidate of candidates) {
      try {
        if (candidate.role.importantPosition && VIDEO_ACTIONS.has(action)) requirePrerequisitesForAccess(user.person, at);
        allowed.push(candidate);
      } catch (error) {
        prerequisiteRefusal ??= error as DomainError;
      }
    }
    const best = deepest(allowed);
    if (!best) throw prerequisiteRefusal!;
    return best;
  }

  /** Whether the principal may do `action` on this object now (requireOver without the refusal). */
  async may(principal: Principal, action: Action, target: Target, db?: Db): Promise<boolean> {
    return this.requireOver(principal, action, target, { db }).then(
      () => true,
      (error: unknown) => {
        if (error instanceof ForbiddenError) return false;
        throw error;
      },
    );
  }

  /**
   * What the principal may see of the registry: the objects of their own unit, and whatever any of their
   * active grants covers (any action). Units see only their own objects unless a grant says otherwise.
   */
  async reach(principal: Principal, action?: Action, db: Db = this.ctx.db): Promise<Reach> {
    const active = await grantsRepository.activeFor(db, principal.userId, this.ctx.clock.now());
    const relevant = action ? active.filter(({ role }) => role.actions.includes(action)) : active;
    const groups = await this.groupsOf(relevant, db);
    const ownUnit = action ? null : principal.unitId;
    return {
      everything: relevant.some(({ grant }) => grant.scopeType === 'ALL'),
      covers: (target) => (ownUnit !== null && target.unitId === ownUnit) || relevant.some(({ grant }) => scopeCovers(grant, target, groups)),
    };
  }

  /** A registry object outside the principal's reach is answered as absent: its existence is not told. */
  async requireVisible(principal: Principal, target: Target, kind: string, id: string, db?: Db): Promise<void> {
    const reach = await this.reach(principal, undefined, db);
    if (reach.everything || reach.covers(target)) return;
    throw new NotFoundError('E_NOT_FOUND', {
      message: { zh: `未找到${kind}:${id}`, en: `No ${kind} with id ${id}` },
      details: { entityType: kind, id },
    });
  }

  async dutyShiftFor(principal: Principal, cameraId: string): Promise<{ shiftId: string; code: string } | null> {
    const now = this.ctx.clock.now().toISOString();
    const shifts = await this.ctx.db
      .selectFrom('dutyShifts')
      .select(['id'])
      .where('userId', '=', principal.userId)
      .where('startsAt', '<=', now)
      .where('endsAt', '>', now)
      .execute();
    for (const { id } of shifts) {
      const shift = await dutyShiftsRepository.get(this.ctx.db, id);
      const group = shift && (await cameraGroupsRepository.get(this.ctx.db, shift.cameraGroupId));
      if (shift && group?.active && group.cameraIds.includes(cameraId)) return { shiftId: shift.id, code: shift.code };
    }
    return null;
  }

  private async requireUser(principal: Principal, db: Db = this.ctx.db): Promise<UserFacts> {
    const user = await loadUserFacts(db, principal.userId);
    if (!user?.active) throw new ForbiddenError('E_USER_INACTIVE', { message: { zh: '账户已停用', en: 'This account is inactive' } });
    if (user.validUntil !== null && user.validUntil <= this.ctx.clock.now().toISOString()) {
      if (user.kind !== 'CONTRACTOR') throw accountExpired(user.validUntil);
      throw new ForbiddenError('E_COMMISSION_EXPIRED', {
        article: '19',
        message: { zh: '委托已到期,受托人员账户失效', en: "The commission has ended; the contractor's account is no longer valid" },
      });
    }
    return user;
  }

  private async groupsOf(grants: ActiveGrant[], db: Db = this.ctx.db): Promise<Map<string, CameraGroupRecord>> {
    const groups = new Map<string, CameraGroupRecord>();
    for (const { grant } of grants) {
      if (grant.scopeType !== 'CAMERA_GROUP' || grant.scopeId === null || groups.has(grant.scopeId)) continue;
      const group = await cameraGroupsRepository.get(db, grant.scopeId);
      if (group) groups.set(group.id, group);
    }
    return groups;
  }
}

/** The grant allowing the deepest playback (no limit beats any limit). */
function deepest(grants: ActiveGrant[]): ActiveGrant | undefined {
  return grants.reduce<ActiveGrant | undefined>((best, next) => {
    if (!best) return next;
    const a = best.role.playbackDepthHours;
    const b = next.role.playbackDepthHours;
    return a === null ? best : b === null || b > a ? next : best;
  }, undefined);
}
