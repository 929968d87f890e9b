/**
 * Inspector accounts (art. 24, REG-24-1): an administrator opens, for a named officer of a public security
 * organ, a user account of the inspected unit (UsersService) that expires at the end of the window, and
 * requests the INSPECTOR role over the sites or the unit inspected (GrantsService: a second administrator
 * approves, as for every grant). The INSPECTOR role carries no action: the account reads, never changes
 * anything, sees no video, and its every request is logged (request-log.ts).
 */
import { builtInRoleId } from '../access/built-in-roles.ts';
import { siteTarget, unitTarget } from '../access/authorization/target.ts';
import type { UsersService } from '../access/accounts/users-service.ts';
import { usersRepository } from '../access/accounts/users-repository.ts';
import type { GrantsService } from '../access/grants/grants-service.ts';
import type { Principal } from '../access/principal.ts';
import { grantsRepository } from '../access/grants/grants-repository.ts';
import type { RegistryContext } from '../registry/services/context.ts';
import { historyRepository } from '../registry/repositories/history-repository.ts';
import { InvalidError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inspectorAccountInput, type InspectorAccountView } from './inspector-model.ts';
import { inspectorRepository, type InspectorAccount } from './inspector-repository.ts';

export class InspectorAccountsService {
  constructor(
    private readonly ctx: RegistryContext,
    private readonly users: UsersService,
    private readonly grants: GrantsService,
  ) {}

  async create(input: unknown, principal: Principal): Promise<InspectorAccountView> {
    const parsed = inspectorAccountInput.parse(input);
    const now = this.ctx.clock.now();
    const validFrom = new Date(parsed.validFrom).toISOString();
    const validTo = new Date(parsed.validTo).toISOString();
    if (validTo <= now.toISOString()) {
      throw new InvalidError('E_INSPECTION_WINDOW_PAST', {
        article: '24',
        message: { zh: '检查账户的有效期须在当前时间之后结束', en: "An inspector account's window must end in the future" },
        details: { field: 'validTo' },
      });
    }
    const { unitId, scopeIds } = await this.scopeOf(parsed.scope);
    const actor = { name: principal.username, principal, reason: `监督检查 / inspection ${parsed.warrantRef}` };
    const user = await this.users.create({ username: parsed.username, displayName: parsed.officerName, password: parsed.password, unitId }, actor);
    try {
      // The account ends with the window: sign-in, sessions, tokens and every call are refused after validTo.
      await usersRepository.update(this.ctx.db, user.id, { validUntil: validTo });
      const grantIds: string[] = [];
      for (const scopeId of scopeIds) {
        const grant = await this.grants.request(
          {
            userId: user.id,
            roleId: builtInRoleId('INSPECTOR'),
            scopeType: parsed.scope.type,
            scopeId,
            validFrom,
            validTo,
            reason: `监督检查 / inspection: ${parsed.organ} ${parsed.warrantRef}`,
          },
          principal,
        );
        grantIds.push(grant.id);
      }
      const account: InspectorAccount = {
        id: newId('insp'),
        userId: user.id,
        officerName: parsed.officerName,
        organ: parsed.organ,
        warrantRef: parsed.warrantRef,
        unitId,
        scopeType: parsed.scope.type,
        scopeIds,
        grantIds,
        validFrom,
        validTo,
        createdBy: principal.username,
        createdAt: now.toISOString(),
      };
      await this.ctx.db.transaction().execute(async (tx) => {
        await inspectorRepository.insert(tx, account);
        await historyRepository.append(tx, {
          entityType: 'inspectorAccount',
          entityId: account.id,
          action: 'create',
          actor: principal.username,
          at: now.toISOString(),
          before: null,
          after: account,
          reason: actor.reason,
        });
      });
      return this.view(account, now);
    } catch (error) {
      // No half-made account: without its grants and record the user account is closed again.
      await this.users.deactivate(user.id, actor).catch(() => undefined);
      throw error;
    }
  }

  /** The accounts of the units the viewer administers. */
  async list(viewer?: Principal): Promise<InspectorAccountView[]> {
    const now = this.ctx.clock.now();
    const accounts = await inspectorRepository.list(this.ctx.db);
    const reach = viewer && this.ctx.gate ? await this.ctx.gate.reach(viewer, 'ADMINISTER') : undefined;
    const out: InspectorAccountView[] = [];
    for (const account of accounts) {
      if (reach && !reach.everything && !reach.covers({ unitId: account.unitId })) continue;
      out.push(await this.view(account, now));
    }
    return out;
  }

  private async scopeOf(scope: { type: 'UNIT'; unitId: string } | { type: 'SITE'; siteIds: string[] }): Promise<{ unitId: string; scopeIds: string[] }> {
    if (scope.type === 'UNIT') {
      await unitTarget(this.ctx.db, scope.unitId);
      return { unitId: scope.unitId, scopeIds: [scope.unitId] };
    }
    const siteIds = [...new Set(scope.siteIds)];
    const units = new Set<string>();
    for (const siteId of siteIds) units.add((await siteTarget(this.ctx.db, siteId)).unitId);
    if (units.size !== 1) {
      throw new InvalidError('E_INSPECTION_SCOPE_UNITS', {
        message: { zh: '一个检查账户只检查一个单位的系统', en: "One inspector account inspects the systems of one unit" },
        details: { field: 'scope.siteIds' },
      });
    }
    return { unitId: [...units][0]!, scopeIds: siteIds };
  }

  private async view(account: InspectorAccount, now: Date): Promise<InspectorAccountView> {
    const user = await usersRepository.get(this.ctx.db, account.userId);
    const grants = [];
    for (const grantId of account.grantIds) {
      const grant = await grantsRepository.get(this.ctx.db, grantId);
      grants.push({ id: grantId, status: grant?.status ?? 'UNKNOWN' });
    }
    const at = now.toISOString();
    const state =
      user?.active !== 1 || grants.every((g) => g.status === 'REVOKED' || g.status === 'REJECTED')
        ? 'ENDED'
        : at >= account.validTo
          ? 'EXPIRED'
          : at < account.validFrom
            ? 'NOT_YET'
            : grants.some((g) => g.status === 'ACTIVE')
              ? 'ACTIVE'
              : 'PENDING';
    return {
      id: account.id,
      userId: account.userId,
      username: user?.username ?? account.userId,
      officerName: account.officerName,
      organ: account.organ,
      warrantRef: account.warrantRef,
      unitId: account.unitId,
      scopeType: account.scopeType,
      scopeIds: account.scopeIds,
      grants,
      validFrom: account.validFrom,
      validTo: account.validTo,
      state,
      createdBy: account.createdBy,
      createdAt: account.createdAt,
    };
  }
}
