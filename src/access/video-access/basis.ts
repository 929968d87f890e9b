/**
 * REG-16-4: a basis lifts the playback depth limit only when it names a record that exists, is still
 * open and covers the camera and the range asked for: a HOLD names a legal hold; an INCIDENT or a
 * REQUEST names an open retention purpose of that case (its reference or link id), and a REQUEST may
 * also name an approved export request that the caller asked for or decided. The camera itself is in
 * the caller's reach only through their grant, which the gate checked first.
 */
import type { Db } from '../../db/connect.ts';
import { ForbiddenError } from '../../shared/errors.ts';
import type { Principal } from '../principal.ts';
import type { Basis } from '../register/model.ts';
import { basisRepository, type CoveredRange } from './basis-repository.ts';
import { stateOrganRequestCovers } from '../../disclosure/state-organ/covers.ts';
import { art21RequestCovers } from '../../disclosure/art21/covers.ts';
import { publicReleaseCovers } from '../../disclosure/release/covers.ts';

export function basisInvalid(basis: Basis, range: CoveredRange): ForbiddenError {
  return new ForbiddenError('E_BASIS_INVALID', {
    article: '16',
    message: {
      zh: `调阅依据 ${basis.type} ${basis.ref} 不存在、已结束或不覆盖所请求的摄像机和时段`,
      en: `The basis ${basis.type} ${basis.ref} does not exist, is closed, or does not cover this camera and time range`,
    },
    details: { type: basis.type, ref: basis.ref, cameraId: range.cameraId, from: range.from, to: range.to },
  });
}

async function covers(db: Db, principal: Principal, basis: Basis, range: CoveredRange, now: Date): Promise<boolean> {
  switch (basis.type) {
    case 'HOLD':
      return basisRepository.openHoldCovers(db, basis.ref, range, now);
    case 'INCIDENT':
      return basisRepository.openPurposeCovers(db, 'INCIDENT', basis.ref, range);
    case 'REQUEST':
      return (
        (await basisRepository.openPurposeCovers(db, 'REQUEST', basis.ref, range)) ||
        basisRepository.approvedRequestCovers(db, basis.ref, principal.userId, range)
      );
    case 'STATE_ORGAN_REQUEST':
      return stateOrganRequestCovers(db, principal, basis.ref, range, now);
    case 'ART21_REQUEST':
      return art21RequestCovers(db, principal, basis.ref, range);
    case 'PUBLIC_RELEASE':
      return publicReleaseCovers(db, principal, basis.ref, range);
  }
}

/** Passes when the basis holds for the camera and range at `now` (the injected clock's); E_BASIS_INVALID (art. 16) otherwise. */
export async function requireBasis(db: Db, principal: Principal, basis: Basis, range: CoveredRange, now: Date): Promise<void> {
  if (!(await covers(db, principal, basis, range, now))) throw basisInvalid(basis, range);
}
