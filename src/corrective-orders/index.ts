/** Corrective orders (REG-24-3), wired to one database, clock, gate and data folder (part of createServices). */
import type { Db } from '../db/connect.ts';
import type { DeadlineAlarms } from './deadline-alarms.ts';
import type { ObjectGate } from '../registry/services/context.ts';
import type { Clock } from '../shared/clock.ts';
import { OrderDocumentStore } from './document-store.ts';
import { CorrectiveOrderService } from './order-service.ts';

export function createCorrectiveOrders(deps: { db: Db; clock: Clock; gate: ObjectGate; dataDir: string; alarms?: DeadlineAlarms }): CorrectiveOrderService {
  return new CorrectiveOrderService({ db: deps.db, clock: deps.clock, gate: deps.gate, documents: new OrderDocumentStore(deps.dataDir), alarms: deps.alarms });
}
