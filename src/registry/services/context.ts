import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Action } from '../../access/actions.ts';
import type { Principal } from '../../access/principal.ts';
import type { OverOptions, Reach } from '../../access/authorization/authorization-service.ts';
import type { Target } from '../../access/authorization/target.ts';

/** The object-level checks a service makes before it reads or changes a registry object. */
export interface ObjectGate {
  requireOver(principal: Principal, action: Action, target: Target, options?: OverOptions): Promise<unknown>;
  reach(principal: Principal, action?: Action, db?: Db): Promise<Reach>;
  requireVisible(principal: Principal, target: Target, kind: string, id: string, db?: Db): Promise<void>;
}
import type { SourceAddressPolicy } from '../source-address-policy.ts';

export interface RegistryContext {
  db: Db;
  clock: Clock;
  /** Present wherever signed-in users act (the HTTP app); absent for the local CLI and system jobs. */
  gate?: ObjectGate;
  /** Where camera sources may point; none: unchecked (tools working on the database directly). */
  sourceAddresses?: SourceAddressPolicy;
}

/** Who made a change, as recorded in the history. */
export interface Actor {
  name: string;
  /** Why the change is made, kept in the history. */
  reason?: string;
  /**
   * The signed-in user acting; every change they make is checked against the object it touches.
   * Absent for the local operator (CLI) and the system itself.
   */
  principal?: Principal;
}

export const systemActor: Actor = { name: 'system' };
