/** Who is calling: the principal behind a session cookie or a bearer API token (REG-16-5: 单位 and 姓名 included). */
import type { Db } from '../../db/connect.ts';
import { UnauthenticatedError } from '../../shared/errors.ts';
import type { TokenScope } from '../actions.ts';
import type { Principal } from '../principal.ts';
import type { AuthService } from './auth-service.ts';
import { totpRequiredFor } from './grant-reads.ts';
import type { TokensService } from './tokens-service.ts';
import type { UserRow } from './user-model.ts';
import { usersRepository } from './users-repository.ts';
import type { AccessContext } from './users-service.ts';
import { unauthenticated, validityEnded } from './auth-errors.ts';
import { inspectorRepository } from '../../inspection/inspector-repository.ts';

export interface ResolvedCaller {
  principal: Principal;
  /** The session's CSRF token (cookie sessions only). */
  csrfToken?: string;
  /** A role asks for TOTP and this session has not passed it: only enrolment is open. */
  totpEnrollmentPending: boolean;
}

/** A user as a principal: unit and name from the account now; undefined when the unit is gone. */
export async function principalOfUser(db: Db, user: UserRow, how: Pick<Principal, 'via' | 'sessionId' | 'tokenScopes' | 'clientAddress'>): Promise<Principal | undefined> {
  const unitName = await usersRepository.unitName(db, user.unitId);
  if (unitName === undefined) return undefined;
  const inspection = await inspectorRepository.byUser(db, user.id);
  if (inspection) {
    // An inspector acts for the organ, not for the inspected unit: no reach beyond the inspection grants.
    const { id: accountId, officerName, organ, warrantRef, unitId, validTo } = inspection;
    return { userId: user.id, username: user.username, displayName: user.displayName, unitId: null, unitName: organ, kind: 'STAFF', inspector: { accountId, officerName, organ, warrantRef, unitId, validTo }, ...how };
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    unitId: user.unitId,
    unitName,
    kind: user.kind === 'CONTRACTOR' ? 'CONTRACTOR' : 'STAFF',
    ...how,
  };
}

export class PrincipalResolver {
  constructor(
    private readonly ctx: AccessContext,
    private readonly auth: AuthService,
    private readonly tokens: TokensService,
  ) {}

  async fromCookie(cookie: string, clientAddress: string): Promise<ResolvedCaller> {
    const { session, user } = await this.auth.resolve(cookie);
    const pending = session.secondFactor === 0 && (await totpRequiredFor(this.ctx.db, user.id, this.ctx.clock.now()));
    return {
      principal: await this.principalOf(user, { via: 'session', sessionId: session.id, clientAddress }),
      csrfToken: session.csrfToken,
      totpEnrollmentPending: pending,
    };
  }

  async fromBearer(bearer: string, clientAddress: string): Promise<ResolvedCaller> {
    const token = await this.tokens.resolve(bearer);
    const user = await usersRepository.get(this.ctx.db, token.userId);
    if (!user || user.active !== 1) throw unauthenticated();
    if (user.validUntil && Date.parse(user.validUntil) <= this.ctx.clock.now().getTime()) throw validityEnded({ kind: user.kind, validUntil: user.validUntil });
    const tokenScopes = JSON.parse(token.scopes) as TokenScope[];
    return { principal: await this.principalOf(user, { via: 'token', tokenScopes, clientAddress }), totpEnrollmentPending: false };
  }

  private async principalOf(user: UserRow, how: Pick<Principal, 'via' | 'sessionId' | 'tokenScopes' | 'clientAddress'>): Promise<Principal> {
    const principal = await principalOfUser(this.ctx.db, user, how);
    if (!principal) throw new UnauthenticatedError('E_UNAUTHENTICATED', { details: { reason: 'unit missing' } });
    return principal;
  }
}
