/**
 * A copy refused because the access is view-only (E_VIEW_ONLY, art. 21, REG-21-4) is a refusal the
 * register must show: a DENIAL entry by the token's holder, with the operation refused (SNAPSHOT for a
 * snapshot), the art. 21 basis and request id of the access where the register knows them, and the code.
 */
import type { Db } from '../../db/connect.ts';
import type { DomainError } from '../../shared/errors.ts';
import { principalOfUser } from '../accounts/principal-resolver.ts';
import { usersRepository } from '../accounts/users-repository.ts';
import type { Operation } from '../register/model.ts';
import type { RegisterService } from '../register/register-service.ts';
import type { MediaTokenPayload } from './media-token.ts';

export const OPERATION_OF_COPY: Record<'SNAPSHOT' | 'DOWNLOAD', Operation> = { SNAPSHOT: 'SNAPSHOT', DOWNLOAD: 'EXPORT' };

export async function recordViewOnlyDenial(
  deps: { db: Db; register: RegisterService },
  grant: MediaTokenPayload,
  what: 'SNAPSHOT' | 'DOWNLOAD',
  refusal: DomainError,
  at: { cameraId: string; clientAddress: string },
): Promise<void> {
  const user = await usersRepository.get(deps.db, grant.userId);
  const principal = user && (await principalOfUser(deps.db, user, { via: 'session', clientAddress: at.clientAddress }));
  // A token's holder whose account is gone fails the media re-check before any copy is asked for.
  if (!principal) return;
  const entry = await deps.register.find(grant.entryId);
  const operation = OPERATION_OF_COPY[what];
  await deps.register.deny(principal, {
    operation,
    reason: entry?.reason ?? null,
    basis: entry?.basis?.type === 'ART21_REQUEST' ? entry.basis : null,
    content: { cameraIds: [at.cameraId], ranges: [{ cameraId: at.cameraId, from: grant.from, to: grant.to }], operation },
    error: { code: refusal.code, ...(refusal.article ? { article: refusal.article } : {}) },
  });
}
