import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../shared/clock.ts';
import type { SourceAddressPolicy } from '../source-address-policy.ts';

export interface RegistryContext {
  db: Db;
  clock: Clock;
  /** Where camera sources may point; none: unchecked (tools working on the database directly). */
  sourceAddresses?: SourceAddressPolicy;
}

/** Who made a change, as recorded in the history. */
export interface Actor {
  name: string;
  /** Why the change is made, kept in the history. */
  reason?: string;
}

export const systemActor: Actor = { name: 'system' };
