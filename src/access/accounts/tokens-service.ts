/** API tokens for integrations: `cst_` + 32 random bytes, shown once, stored as SHA-256, limited to scopes. */
import { z } from 'zod';
import type { ApiTokensTable } from '../../db/access-tables.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import type { Actor } from '../../registry/services/context.ts';
import { ForbiddenError, InvalidError, NotFoundError, UnauthenticatedError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { tokenScope, type TokenScope } from '../actions.ts';
import type { Principal } from '../principal.ts';
import { randomSecret, sha256Hex } from './secrets.ts';
import { tokensRepository } from './tokens-repository.ts';
import type { AccessContext } from './users-service.ts';

export const TOKEN_PREFIX = 'cst_';
const USED_EVERY_MS = 60_000;

export const tokenCreateInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(tokenScope).min(1).max(20),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
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
  constructor(private readonly ctx: AccessContext) {}

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
    const expiresAt = parsed.expiresAt ? new Date(parsed.expiresAt).toISOString() : null;
    if (expiresAt && expiresAt <= now.toISOString()) {
      throw new InvalidError('E_TOKEN_EXPIRY_PAST', {
        message: { zh: '到期时间须晚于当前时间', en: 'The expiry must be in the future' },
        details: { field: 'expiresAt' },
      });
    }
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
      await this.record(tx, row, 'create', actor, now);
    });
    return { ...viewOf(row), token };
  }

  async list(userId: string): Promise<TokenView[]> {
    return (await tokensRepository.listOf(this.ctx.db, userId)).map(viewOf);
  }

  /** Revokes one of the user's own tokens. */
  async revoke(userId: string, id: string, actor: Actor): Promise<TokenView> {
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      const row = await tokensRepository.ownedBy(tx, userId, id);
      if (!row) throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到令牌:${id}`, en: `No token with id ${id}` }, details: { entityType: 'apiToken', id } });
      if (row.revokedAt) return viewOf(row);
      const revoked = { ...row, revokedAt: now.toISOString() };
      await tokensRepository.revoke(tx, id, revoked.revokedAt);
      await this.record(tx, revoked, 'revoke', actor, now);
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

  private async record(tx: AccessContext['db'], row: ApiTokensTable, action: string, actor: Actor, now: Date): Promise<void> {
    const { tokenHash: _hash, ...kept } = row;
    await historyRepository.append(tx, {
      entityType: 'apiToken',
      entityId: row.id,
      action,
      actor: actor.name,
      at: now.toISOString(),
      before: null,
      after: { ...kept, scopes: JSON.parse(row.scopes) as unknown },
    });
  }
}
