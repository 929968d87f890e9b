/** The art. 21 services, wired to one database, clock, gate, register and media service (part of createServices). */
import type { Db } from '../../db/connect.ts';
import type { RegisterService } from '../../access/register/register-service.ts';
import type { MediaService } from '../../access/video-access/media-service.ts';
import type { Clock } from '../../shared/clock.ts';
import { Art21DocumentStore } from './document-store.ts';
import { DEFAULT_ART21_POLICY, type Art21Policy } from './policy.ts';
import { Art21RequestService, type Art21Gate } from './request-service.ts';
import { Art21SessionService } from './session-service.ts';
import { PublicArt21Intake } from './public-intake.ts';

export type { Art21Policy } from './policy.ts';

export function createArt21(deps: { db: Db; clock: Clock; gate: Art21Gate; register: RegisterService; media: MediaService; dataDir: string; policy?: Partial<Art21Policy> | undefined }) {
  const policy: Art21Policy = { ...DEFAULT_ART21_POLICY, ...deps.policy };
  const documents = new Art21DocumentStore(deps.dataDir);
  const requests = new Art21RequestService({ db: deps.db, clock: deps.clock, gate: deps.gate, documents, policy });
  const sessions = new Art21SessionService({ db: deps.db, clock: deps.clock, gate: deps.gate, register: deps.register, media: deps.media, requests, policy });
  // Requests filed from a sign's public page (arts. 13, 21), into the same workflow.
  const publicIntake = new PublicArt21Intake({ db: deps.db, clock: deps.clock, documents, policy });
  return { policy, requests, sessions, publicIntake };
}
