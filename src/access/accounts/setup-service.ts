/**
 * First run without a default password: while no user exists the server holds a one-time setup token
 * (24 h) and prints a link with it; whoever has the link creates the first administrator. The CLI's
 * `custos admin create` does the same from the machine itself, without a token.
 */
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { ConflictError, UnauthenticatedError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { SYSTEM_SETUP, writeBootstrapGrant } from '../grants/bootstrap-grant.ts';
import { bootstrapWindow, recordBootstrapWindow } from '../grants/bootstrap-window.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import { randomSecret, sha256Hex } from './secrets.ts';
import { setupRepository } from './setup-repository.ts';
import { requireUnit, requireUsernameFree } from './user-checks.ts';
import { recordUserChange } from './user-history.ts';
import { password, username, viewOf, type UserRow, type UserView } from './user-model.ts';
import { usersRepository } from './users-repository.ts';
import type { AccessContext } from './users-service.ts';
import type { SecurityObserver } from '../../events/security/security-observer.ts';
import { builtInRoleId } from '../built-in-roles.ts';
import { rolesRepository } from '../repositories.ts';

const SETUP_TOKEN_HOURS = 24;

export const firstAdministratorInput = z.strictObject({
  username,
  password,
  displayName: z.string().trim().min(1).max(100),
  unitId: z.string().min(1).max(64).optional(),
});
export const setupInput = firstAdministratorInput.extend({ token: z.string().min(1).max(200) });

const setupDone = () =>
  new ConflictError('E_SETUP_DONE', {
    message: { zh: '系统已完成初始设置(已有用户)', en: 'Setup is done: a user already exists' },
  });

export class SetupService {
  constructor(
    private readonly ctx: AccessContext,
    /** Told of the first administrator too (a new administrator, art. 23(3)). */
    private readonly observer?: Pick<SecurityObserver, 'grantActivated'>,
  ) {}

  async needed(): Promise<boolean> {
    return (await usersRepository.count(this.ctx.db)) === 0;
  }

  /** The bootstrap window (shown on GET /api/setup): until when the first administrator may make a second one alone. */
  async bootstrapWindow(): Promise<{ open: boolean; until: string } | null> {
    const window = await bootstrapWindow(this.ctx.db, this.ctx.clock.now());
    return window ? { open: window.open, until: window.until } : null;
  }

  /** A fresh one-time token while no user exists (to print, never to log); undefined once set up. */
  async issueToken(): Promise<string | undefined> {
    if (!(await this.needed())) return undefined;
    const token = randomSecret();
    const now = this.ctx.clock.now();
    await setupRepository.insert(this.ctx.db, {
      tokenHash: sha256Hex(token),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SETUP_TOKEN_HOURS * 3_600_000).toISOString(),
      usedAt: null,
    });
    return token;
  }

  /** POST /api/setup: the token from the printed link, and the first administrator. */
  async complete(input: unknown, sourceAddress?: string): Promise<UserView> {
    const { token, ...admin } = setupInput.parse(input);
    return this.createFirstAdministrator(admin, sourceAddress ?? null, async (tx, now) => {
      const row = await setupRepository.get(tx, sha256Hex(token));
      if (!row || row.usedAt || Date.parse(row.expiresAt) <= now.getTime()) {
        throw new UnauthenticatedError('E_SETUP_TOKEN_INVALID', {
          message: { zh: '设置链接无效或已过期;重启服务可获得新链接', en: 'The setup link is not valid or has expired; restart the server for a new one' },
        });
      }
      await setupRepository.markUsed(tx, row.tokenHash, now.toISOString());
    });
  }

  /** The first administrator with an ACTIVE ADMINISTRATOR grant over ALL; refused once any user exists. */
  async createFirstAdministrator(input: unknown, sourceAddress: string | null = null, authorize?: (tx: Db, now: Date) => Promise<void>): Promise<UserView> {
    const parsed = firstAdministratorInput.parse(input);
    if (!(await this.needed())) throw setupDone();
    checkPasswordPolicy(parsed.username, parsed.password);
    const passwordHash = await hashPassword(parsed.password);
    const now = this.ctx.clock.now();
    const created = await this.ctx.db.transaction().execute(async (tx) => {
      if ((await usersRepository.count(tx)) > 0) throw setupDone();
      await authorize?.(tx, now);
      await requireUsernameFree(tx, parsed.username);
      if (parsed.unitId) await requireUnit(tx, parsed.unitId);
      const at = now.toISOString();
      const row: UserRow = {
        id: newId('usr'),
        username: parsed.username,
        displayName: parsed.displayName,
        unitId: parsed.unitId ?? null,
        personId: null,
        kind: 'STAFF',
        commissionId: null,
        passwordHash,
        passwordChangedAt: at,
        totpSecret: null,
        totpEnabled: 0,
        failedLogins: 0,
        lockedUntil: null,
        validUntil: null,
        active: 1,
        createdAt: at,
        updatedAt: at,
      };
      await usersRepository.insert(tx, row);
      await recordUserChange(tx, { userId: row.id, action: 'create', actor: { name: SYSTEM_SETUP }, at: now, before: null, after: row });
      const grantId = await writeBootstrapGrant(tx, row.id, now);
      await recordBootstrapWindow(tx, grantId, row.id, now);
      return { user: viewOf(row), grantId };
    });
    if (this.observer) {
      const roleId = builtInRoleId('ADMINISTRATOR');
      const actions = (await rolesRepository.get(this.ctx.db, roleId))?.actions ?? [];
      const target = { userId: created.user.id, username: created.user.username };
      this.observer.grantActivated({ grantId: created.grantId, roleId, scopeType: 'ALL', scopeId: null, actions, target, actor: SYSTEM_SETUP, sourceAddress });
    }
    return created.user;
  }
}
