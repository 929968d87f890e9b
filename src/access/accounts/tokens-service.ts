/**
 * API tokens for integrations: `cst_` + 32 random bytes, shown once, stored as SHA-256, limited to
 * scopes, expiring after at most the policy's days (the default when none is asked for). Administrators
 * list and revoke any user's tokens (metadata only); credential changes revoke them all (credential-revocation.ts).
 */
import { z } from 'zod';
import type { ApiTokensTable } from '../../db/access-tables.ts';
import type { Actor } from '../../registry/services/context.ts';
import { ForbiddenError, InvalidError, NotFoundError, UnauthenticatedError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { tokenScope, type TokenScope } from '../actions.ts';
import type { Principal } from '../principal.ts';
import { randomSecret, sha256Hex } from './secrets.ts';
import { recordTokenChange } from './token-history.ts';
import type { TokenPolicy } from './token-policy.ts';
import { tokensRepository } from './tokens-repository.ts';
import { usersRepository } from './users-repository.ts';
import { UserAuthority } from './user-authority.ts';
import type { AccessContext } from './users-service.ts';

export const TOKEN_PREFIX = 'cst_';
const USED_EVERY_MS = 60_000;

export const tokenCreateInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(tokenScope).min(1).max(20),
  /** Omitted or null: the longest allowed (auth.apiTokenMaxDays, 90 days by default). */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(tokenScope),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type TokenView = z.infer<typeof tokenView>;

const viewOf = (row: ApiTokensTable): TokenView => ({
  id: row.id,
  name: row.name,
  scopes: JSON.parse(row.scopes) as TokenScope[],
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  revokedAt: row.revokedAt,
  lastUsedAt: row.lastUsedAt,
});

export class TokensService {
  constructor(
    private readonly ctx: AccessContext,
    private readonly policy: TokenPolicy,
  ) {}

  /** A token for the principal's own user; a token can only make tokens narrower than itself. */
  async create(principal: Principal, input: unknown, actor: Actor): Promise<TokenView & { token: string }> {
    const parsed = tokenCreateInput.parse(input);
    const userId = principal.userId;
    const wider = parsed.scopes.filter((s) => principal.tokenScopes && !principal.tokenScopes.includes(s));
    if (wider.length > 0) {
      throw new ForbiddenError('E_TOKEN_SCOPE', {
        message: { zh: '访问令牌不能创建范围更大的令牌', en: 'A token cannot create a token with scopes it does not have' },
        details: { scopes: wider },
      });
    }
    const now = this.ctx.clock.now();
    const expiresAt = this.expiryOf(parsed.expiresAt ?? null, now);
    const token = `${TOKEN_PREFIX}${randomSecret()}`;
    const row: ApiTokensTable = {
      id: newId('tok'),
      userId,
      name: parsed.name,
      tokenHash: sha256Hex(token),
      scopes: JSON.stringify([...new Set(parsed.scopes)]),
      createdBy: actor.name,
      createdAt: now.toISOString(),
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.ctx.db.transaction().execute(async (tx) => {
      await tokensRepository.insert(tx, row);
      await recordTokenChange(tx, row, 'create', actor, now);
    });
    return { ...viewOf(row), token };
  }

  async list(userId: string): Promise<TokenView[]> {
    return (await tokensRepository.listOf(this.ctx.db, userId)).map(viewOf);
  }

  /**
   * Any user's tokens, for an administrator of the user's unit: E_NOT_FOUND for an unknown user, or one
   * outside the administrator's reach, rather than an empty list.
   */
  async listOfUser(userId: string, actor: Actor): Promise<TokenView[]> {
    await this.requireAdministered(userId, actor);
    return this.list(userId);
  }

  /** An administrator revokes a token of a user of a unit they administer. */
  async revokeOfUser(userId: string, id: string, actor: Actor): Promise<TokenView> {
    await this.requireAdministered(userId, actor);
    return this.revoke(userId, id, actor);
  }

  private async requireAdministered(userId: string, actor: Actor): Promise<void> {
    const user = await usersRepository.get(this.ctx.db, userId);
    if (!user) {
      throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到用户:${userId}`, en: `No user with id ${userId}` }, details: { entityType: 'user', id: userId } });
    }
    const authority = new UserAuthority(this.ctx.gate);
    await authority.requireVisible(actor.principal, this.ctx.db, user);
    await authority.requireOverUnit(actor, this.ctx.db, user.unitId);
  }

  /** Revokes one of the user's tokens (the user's own, or any user's by an administrator). */
  async revoke(userId: string, id: string, actor: Actor): Promise<TokenView> {
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      const row = await tokensRepository.ownedBy(tx, userId, id);
      if (!row) throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到令牌:${id}`, en: `No token with id ${id}` }, details: { entityType: 'apiToken', id } });
      if (row.revokedAt) return viewOf(row);
      const revoked = { ...row, revokedAt: now.toISOString() };
      await tokensRepository.revoke(tx, id, revoked.revokedAt);
      await recordTokenChange(tx, revoked, 'revoke', actor, now);
      return viewOf(revoked);
    });
  }

  /** The token row behind a bearer value, or the reason it is refused. */
  async resolve(bearer: string): Promise<ApiTokensTable> {
    const now = this.ctx.clock.now();
    const row = bearer.startsWith(TOKEN_PREFIX)
      ? await tokensRepository.byHash(this.ctx.db, sha256Hex(bearer))
      : undefined;
    if (!row) throw new UnauthenticatedError('E_UNAUTHENTICATED', { message: { zh: '访问令牌无效', en: 'The API token is not valid' } });
    if (row.revokedAt) throw new UnauthenticatedError('E_TOKEN_REVOKED', { message: { zh: '访问令牌已被撤销', en: 'The API token has been revoked' } });
    if (row.expiresAt && Date.parse(row.expiresAt) <= now.getTime()) {
      throw new UnauthenticatedError('E_TOKEN_EXPIRED', { message: { zh: '访问令牌已过期', en: 'The API token has expired' } });
    }
    if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) >= USED_EVERY_MS) {
      await tokensRepository.markUsed(this.ctx.db, row.id, now.toISOString());
    }
    return row;
  }

  /** The expiry asked for, or the longest allowed when none is; refused when past or beyond the longest. */
  private expiryOf(asked: string | null, now: Date): string {
    const longest = now.getTime() + this.policy.maxDays * 86_400_000;
    if (asked === null) return new Date(longest).toISOString();
    const at = Date.parse(asked);
    if (at <= now.getTime()) {
      throw new InvalidError('E_TOKEN_EXPIRY_PAST', {
        message: { zh: '到期时间须晚于当前时间', en: 'The expiry must be in the future' },
        details: { field: 'expiresAt' },
      });
    }
    if (at > longest) {
      throw new InvalidError('E_TOKEN_EXPIRY_TOO_LONG', {
        message: { zh: `访问令牌的有效期最长为 ${this.policy.maxDays} 天`, en: `An API token can be valid for at most ${this.policy.maxDays} days` },
        details: { field: 'expiresAt', maxDays: this.policy.maxDays, latest: new Date(longest).toISOString() },
      });
    }
    return new Date(at).toISOString();
  }
}
