/**
 * Sign-in with a password (and a TOTP code where the user has one), throttled per address, per name and
 * per (name, address) (login-throttle.ts), and the sessions behind the `custos_session` cookie: idle
 * timeout, absolute lifetime, sign-out.
 */
import { z } from 'zod';
import type { SessionsTable } from '../../db/access-tables.ts';
import type { Db } from '../../db/connect.ts';
import { accountLocked, badCredentials, validityEnded, sessionExpired, tooManyAttempts, totpInvalid, totpRequired, unauthenticated } from './auth-errors.ts';
import type { Action } from '../actions.ts';
import { actionsOf, totpRequiredFor } from './grant-reads.ts';
import { LoginThrottle, type SignInThrottle } from './login-throttle.ts';
import { recordUserChange } from './user-history.ts';
import { checkPasswordBounded } from './password-checks.ts';
import { randomSecret, sha256Hex } from './secrets.ts';
import { DEFAULT_SESSION_POLICY, TOUCH_EVERY_MS, type SessionPolicy } from './session-policy.ts';
import { sessionsRepository } from './sessions-repository.ts';
import type { TotpService } from './totp-service.ts';
import { viewOf, type UserRow, type UserView } from './user-model.ts';
import { usersRepository } from './users-repository.ts';
import type { AccessContext } from './users-service.ts';
import type { SecurityObserver } from '../../events/security/security-observer.ts';

export const loginInput = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z.string().max(16).optional(),
});

export interface ClientInfo {
  address: string;
  userAgent?: string;
}

export interface LoginResult {
  /** The cookie value: shown to the client once, stored only as its SHA-256. */
  cookie: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  user: UserView;
}

/** Where the account services report what an operator should see in the server log. */
export type AccessLog = (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;

export interface LiveSession {
  session: SessionsTable;
  user: UserRow;
}

export class AuthService {
  constructor(
    private readonly ctx: AccessContext,
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
    private readonly totp: TotpService,
    private readonly throttle: SignInThrottle = new LoginThrottle(),
    /** Told of every failed sign-in (brute-force detection, art. 23(3)). */
    private readonly observer?: Pick<SecurityObserver, 'signInFailed'>,
    private readonly log?: AccessLog,
  ) {}

  private touchFailing = false;

  async login(input: unknown, client: ClientInfo): Promise<LoginResult> {
    const { username, password, totp } = loginInput.parse(input);
    const now = this.ctx.clock.now();
    // Throttled before the name is looked up: a known and an unknown name get the same answer, as fast.
    const { waitMs, locked } = await this.throttle.admit(username, client.address, now.getTime());
    if (waitMs > 0) throw locked ? accountLocked(waitMs) : tooManyAttempts(waitMs);
    const user = await usersRepository.byUsername(this.ctx.db, username);
    const passwordRight = await checkPasswordBounded(user?.passwordHash, password);
    if (!user || !passwordRight || user.active !== 1) {
      await this.failed(username, client, user && !passwordRight ? user : undefined, now);
      throw badCredentials();
    }
    if (user.validUntil && Date.parse(user.validUntil) <= now.getTime()) throw validityEnded({ kind: user.kind, validUntil: user.validUntil });
    let secondFactor = 0;
    if (user.totpEnabled === 1 && user.totpSecret) {
      if (!totp) throw totpRequired();
      if (!(await this.totp.accept(user, totp, now))) {
        await this.failed(username, client, user, now);
        throw totpInvalid();
      }
      secondFactor = 1;
    }
    await this.throttle.succeeded(username, client.address);
    return this.openSession(user, client, secondFactor, now);
  }

  /** The live session behind a cookie value; refreshes its idle clock. */
  async resolve(cookie: string): Promise<LiveSession> {
    const now = this.ctx.clock.now();
    const session = await sessionsRepository.get(this.ctx.db, sha256Hex(cookie));
    if (!session || session.revokedAt) throw unauthenticated();
    const idleSince = now.getTime() - Date.parse(session.lastSeenAt);
    if (Date.parse(session.expiresAt) <= now.getTime() || idleSince > this.policy.idleMinutes * 60_000) {
      await sessionsRepository.revoke(this.ctx.db, session.id, now.toISOString());
      throw sessionExpired();
    }
    const user = await usersRepository.get(this.ctx.db, session.userId);
    if (!user || user.active !== 1) throw unauthenticated();
    if (user.validUntil && Date.parse(user.validUntil) <= now.getTime()) throw validityEnded({ kind: user.kind, validUntil: user.validUntil });
    if (idleSince >= TOUCH_EVERY_MS) await this.touch(session.id, now);
    return { session, user };
  }

  /**
   * The idle clock's refresh is best-effort: a database that cannot write now (a full disk: SQLite
   * "database or disk is full", PostgreSQL disk_full) must not turn a read into a 500. The next request
   * tries again; the failure is logged once, until a touch succeeds.
   */
  private async touch(sessionId: string, now: Date): Promise<void> {
    try {
      await sessionsRepository.touch(this.ctx.db, sessionId, now.toISOString());
      this.touchFailing = false;
    } catch (error) {
      if (!this.touchFailing) this.log?.('warn', 'session last-seen time not saved; the request is answered anyway', { error: error instanceof Error ? error.message : String(error) });
      this.touchFailing = true;
    }
  }

  /** The actions the user's active grants hold now (for the UI; every route still checks). */
  async actionsOf(userId: string): Promise<Action[]> {
    return actionsOf(this.ctx.db, userId, this.ctx.clock.now());
  }

  /** A role of the user asks for TOTP and the user has not enrolled. */
  async totpEnrollmentRequired(user: Pick<UserView, 'id' | 'totpEnabled'>): Promise<boolean> {
    return !user.totpEnabled && (await totpRequiredFor(this.ctx.db, user.id, this.ctx.clock.now()));
  }

  async logout(sessionId: string): Promise<void> {
    await sessionsRepository.revoke(this.ctx.db, sessionId, this.ctx.clock.now().toISOString());
  }

  private async openSession(user: UserRow, client: ClientInfo, secondFactor: number, now: Date): Promise<LoginResult> {
    const cookie = randomSecret();
    const csrfToken = randomSecret();
    const at = now.toISOString();
    const expiresAt = new Date(now.getTime() + this.policy.lifetimeHours * 3_600_000).toISOString();
    const id = sha256Hex(cookie);
    await this.ctx.db.transaction().execute(async (tx: Db) => {
      if (user.failedLogins !== 0 || user.lockedUntil) await usersRepository.update(tx, user.id, { failedLogins: 0, lockedUntil: null });
      await sessionsRepository.insert(tx, {
        id,
        userId: user.id,
        csrfToken,
        secondFactor,
        clientAddress: client.address.slice(0, 100),
        userAgent: client.userAgent?.slice(0, 500) ?? null,
        createdAt: at,
        lastSeenAt: at,
        expiresAt,
        revokedAt: null,
      });
    });
    return { cookie, sessionId: id, csrfToken, expiresAt, user: viewOf({ ...user, failedLogins: 0, lockedUntil: null }) };
  }

  /** A failed sign-in: counted by the throttle; for an existing account also in its row, and a lock in its history. */
  private async failed(username: string, client: ClientInfo, user: UserRow | undefined, now: Date): Promise<void> {
    const { lockedUntil, consecutive } = await this.throttle.failed(username, client.address, now.getTime());
    if (user) await this.countFailure(user, client, lockedUntil, now);
    this.observer?.signInFailed({ username, address: client.address, consecutive, lockedUntil });
  }

  private async countFailure(user: UserRow, client: ClientInfo, lockedUntil: Date | null, now: Date): Promise<void> {
    await this.ctx.db.transaction().execute(async (tx) => {
      const current = await usersRepository.get(tx, user.id);
      if (!current) return;
      const failedLogins = current.failedLogins + 1;
      const until = lockedUntil?.toISOString() ?? null;
      // lockedUntil tells the administrators when the latest lock of a (name, address) pair ends; it locks nothing itself.
      await usersRepository.update(tx, user.id, { failedLogins, lockedUntil: until ?? current.lockedUntil });
      // A lock is a security event the administrators see in the history; single failures are not.
      if (until) {
        const after = { ...current, failedLogins, lockedUntil: until };
        await recordUserChange(tx, { userId: user.id, action: 'lock', actor: { name: 'system', reason: `failed sign-ins from ${client.address.slice(0, 100)}` }, at: now, before: current, after });
      }
    });
  }
}
