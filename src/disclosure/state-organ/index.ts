/** The state-organ request services (art. 20), wired to one database, clock, gate and data folder. */
import type { Db } from '../../db/connect.ts';
import type { AccessGate } from '../../access/camera-permission.ts';
import type { ObjectGate } from '../../registry/services/context.ts';
import type { BundleService } from '../../access/video-access/bundle-service.ts';
import { HoldsService } from '../../retention/holds-service.ts';
import type { Clock } from '../../shared/clock.ts';
import { StateOrganDocumentStore } from './document-store.ts';
import { HandoverService } from './handover-service.ts';
import { StateOrganRequestService } from './request-service.ts';

export function createStateOrgan(d: { db: Db; clock: Clock; gate: AccessGate & ObjectGate; bundles: BundleService; dataDir: string }) {
  const documents = new StateOrganDocumentStore(d.dataDir);
  const requests = new StateOrganRequestService({ db: d.db, clock: d.clock, gate: d.gate, holds: new HoldsService({ db: d.db, clock: d.clock, gate: d.gate }), documents });
  const handovers = new HandoverService({ db: d.db, clock: d.clock, gate: d.gate, bundles: d.bundles, requests, documents, dataDir: d.dataDir });
  return { requests, handovers };
}
export type StateOrganServices = ReturnType<typeof createStateOrgan>;
