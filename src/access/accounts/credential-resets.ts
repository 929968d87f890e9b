/**
 * Credential resets that need a second administrator (issue 10): resetting the password or second factor
 * of someone who holds APPROVE or administration power would let one administrator act as another. Such
 * a reset is requested by one administrator and applied only when a different one (not the user either)
 * approves it within RESET_REQUEST_HOURS. The new password's hash waits here, never in the history.
 */
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import type { CredentialResetsTable } from '../../db/access-tables.ts';
import { ConflictError, NotFoundError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';

export const RESET_REQUEST_HOURS = 24;
export const RESET_KINDS = ['PASSWORD', 'TOTP'] as const;
export type ResetKind = (typeof RESET_KINDS)[number];

export const credentialResetView = z.object({
  id: z.string(),
  userId: z.string(),
  kind: z.enum(RESET_KINDS),
  status: z.enum(['PENDING', 'APPLIED', 'REJECTED']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  expiresAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type CredentialResetView = z.infer<typeof credentialResetView>;

export function resetViewOf(row: CredentialResetsTable): CredentialResetView {
  const { passwordHash: _secret, ...view } = row;
  return credentialResetView.parse(view);
}

/** Whether resetting this user's credentials needs a second administrator: any grant, pending to active, with APPROVE or administration. */
export async function holdsPrivilege(db: Db, userId: string, at: Date): Promise<boolean> {
  const now = at.toISOString();
  const grants = await db
    .selectFrom('grants')
    .innerJoin('roles', 'roles.id', 'grants.roleId')
    .select(['grants.scopeType', 'grants.approvedRole', 'roles.actions', 'roles.key'])
    .where('grants.userId', '=', userId)
    .where('grants.status', 'in', ['PENDING', 'ACTIVE', 'SUSPENDED'])
    .where((eb) => eb.or([eb('grants.validTo', 'is', null), eb('grants.validTo', '>', now)]))
    .execute();
  return grants.some((g) => {
    const approved = g.approvedRole === null ? [] : (JSON.parse(g.approvedRole) as { actions: string[] }).actions;
    const actions = new Set([...approved, ...(JSON.parse(g.actions) as string[])]);
    return g.key === 'ADMINISTRATOR' || actions.has('APPROVE') || actions.has('ADMINISTER') || (g.scopeType === 'ALL' && actions.has('CONFIG'));
  });
}

export const credentialResetsRepository = {
  async request(db: Db, input: { userId: string; kind: ResetKind; passwordHash: string | null; requestedBy: string }, now: Date): Promise<CredentialResetsTable> {
    const row: CredentialResetsTable = {
      id: newId('reset'),
      ...input,
      status: 'PENDING',
      requestedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + RESET_REQUEST_HOURS * 3_600_000).toISOString(),
      decidedBy: null,
      decidedAt: null,
    };
    await db.insertInto('credentialResets').values(row).execute();
    return row;
  },

  async list(db: Db, filter: { status?: string } = {}): Promise<CredentialResetsTable[]> {
    let query = db.selectFrom('credentialResets').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    return query.orderBy('requestedAt').orderBy('id').execute();
  },

  /** The pending reset a second administrator may decide on now; refuses the requester, the user, and expired requests. */
  async requireDecidable(db: Db, id: string, decider: { userId: string; username: string }, now: Date): Promise<CredentialResetsTable> {
    const row = await db.selectFrom('credentialResets').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到凭据重置申请 ${id}`, en: `No credential reset ${id}` } });
    if (row.status !== 'PENDING' || row.expiresAt <= now.toISOString()) {
      throw new ConflictError('E_RESET_NOT_PENDING', {
        message: { zh: '该凭据重置申请已处理或已过期', en: 'This credential reset was already decided or has expired' },
        details: { status: row.status, expiresAt: row.expiresAt },
      });
    }
    if (decider.username === row.requestedBy || decider.userId === row.userId) {
      throw new ConflictError('E_SELF_APPROVAL', {
        article: '16.2(2)',
        message: {
          zh: '凭据重置须由申请人和被重置用户以外的另一名管理员批准',
          en: 'A credential reset must be approved by an administrator other than its requester and the user concerned',
        },
      });
    }
    return row;
  },

  async decide(db: Db, id: string, status: 'APPLIED' | 'REJECTED', decidedBy: string, now: Date): Promise<CredentialResetsTable> {
    await db.updateTable('credentialResets').set({ status, decidedBy, decidedAt: now.toISOString(), passwordHash: null }).where('id', '=', id).execute();
    return (await db.selectFrom('credentialResets').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  },
};
