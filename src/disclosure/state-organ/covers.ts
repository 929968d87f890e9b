import type { Db } from '../../db/connect.ts';
import type { Principal } from '../../access/principal.ts';
import type { CoveredRange } from '../../access/video-access/basis-repository.ts';
import { requestCovers } from './scope.ts';

/**
 * An approved state-organ request (art. 20) whose scope holds the camera and range (REG-20-2).
 * Outside its scope, or past an emergency request's documents deadline, the refusal is thrown with
 * its own code (E_OUT_OF_REQUEST_SCOPE, E_EMERGENCY_DOCS_OVERDUE); a request that is not approved
 * answers false (E_BASIS_INVALID). The camera grant itself was checked by the gate first.
 */
export async function stateOrganRequestCovers(db: Db, _principal: Principal, ref: string, range: CoveredRange, now: Date): Promise<boolean> {
  return requestCovers(db, ref, range, now);
}
