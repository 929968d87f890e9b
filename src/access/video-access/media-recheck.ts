/**
 * Every media request is checked again against the holder as they are now: the account active, the
 * commission valid, the training current, and an active grant covering the camera for the token's
 * action (the same gate the access itself passed). A token therefore stops working as soon as the
 * user is deactivated or the grant revoked, not when it expires. An HLS player fetches many segments
 * a minute, so an answer is kept for RECHECK_CACHE_MS per access and camera; a refusal is recorded
 * once as a DENIAL entry (REG-16-3), not once per segment.
 */
import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, ForbiddenError } from '../../shared/errors.ts';
import { usersRepository } from '../accounts/users-repository.ts';
import { principalOfUser } from '../accounts/principal-resolver.ts';
import type { AccessGate } from '../camera-permission.ts';
import type { Principal } from '../principal.ts';
import type { Operation } from '../register/model.ts';
import type { RegisterService } from '../register/register-service.ts';
import { ACTION_OF_KIND, mediaTokenRefused, type MediaTokenPayload } from './media-token.ts';

export const RECHECK_CACHE_MS = 3000;
const MAX_CACHED = 2000;

const OPERATION_OF_KIND: Record<MediaTokenPayload['kind'], Operation> = { PLAYBACK: 'PLAYBACK', LIVE: 'LIVE_ADHOC', EXPORT: 'EXPORT', VIEW_ONLY: 'PLAYBACK' };

interface Verdict {
  until: number;
  refusal?: ForbiddenError;
}

export class MediaRecheck {
  private readonly verdicts = new Map<string, Verdict>();

  constructor(private readonly deps: { db: Db; clock: Clock; gate: AccessGate; register: RegisterService }) {}

  /** Passes when the token's holder may still do the token's action on the camera; E_MEDIA_TOKEN (REVOKED) otherwise. */
  async require(grant: MediaTokenPayload, cameraId: string, clientAddress: string): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const key = `${grant.entryId}\u0000${cameraId}`;
    const cached = this.verdicts.get(key);
    if (cached && cached.until > now) {
      if (cached.refusal) throw cached.refusal;
      return;
    }
    const refusal = await this.check(grant, cameraId, clientAddress);
    this.remember(key, { until: now + RECHECK_CACHE_MS, ...(refusal ? { refusal } : {}) }, now);
    if (refusal) throw refusal;
  }

  private async check(grant: MediaTokenPayload, cameraId: string, clientAddress: string): Promise<ForbiddenError | undefined> {
    const principal = await this.principalOf(grant.userId, clientAddress);
    if (!principal) return mediaTokenRefused('REVOKED', { refusal: 'E_USER_INACTIVE' });
    try {
      await this.deps.gate.requireCamera(principal, ACTION_OF_KIND[grant.kind], cameraId);
      return undefined;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const entry = await this.deps.register.find(grant.entryId);
      await this.deps.register.deny(principal, {
        operation: entry?.operation ?? OPERATION_OF_KIND[grant.kind],
        reason: entry?.reason ?? null,
        basis: entry?.basis ?? null,
        content: { cameraIds: [cameraId], ranges: [{ cameraId, from: grant.from, to: grant.to }], operation: entry?.operation ?? OPERATION_OF_KIND[grant.kind] },
        error: { code: error.code, ...(error.article ? { article: error.article } : {}) },
      });
      return mediaTokenRefused('REVOKED', { refusal: error.code });
    }
  }

  /** The token holder as a principal (unit and name from their account now), or undefined when the account is gone. */
  private async principalOf(userId: string, clientAddress: string): Promise<Principal | undefined> {
    const user = await usersRepository.get(this.deps.db, userId);
    return user && principalOfUser(this.deps.db, user, { via: 'session', clientAddress });
  }


  private remember(key: string, verdict: Verdict, now: number): void {
    if (this.verdicts.size >= MAX_CACHED) {
      for (const [k, v] of this.verdicts) if (v.until <= now) this.verdicts.delete(k);
      if (this.verdicts.size >= MAX_CACHED) this.verdicts.clear();
    }
    this.verdicts.set(key, verdict);
  }
}
