/**
 * Who sees and changes what leaves the system: the events carry every camera's alarms, so reading
 * needs AUDIT or CONFIG over everything (or ADMINISTER), managing needs CONFIG over everything or ADMINISTER.
 */
import type { AuthorizationService } from '../../access/authorization/authorization-service.ts';
import { EVERYTHING } from '../../access/authorization/target.ts';
import type { Principal } from '../../access/principal.ts';
import { eventsOutManageNotGranted, eventsOutReadNotGranted } from './out-errors.ts';

async function mayAny(gate: AuthorizationService, principal: Principal, actions: ('AUDIT' | 'CONFIG' | 'ADMINISTER')[]): Promise<boolean> {
  for (const action of actions) if (await gate.may(principal, action, EVERYTHING)) return true;
  return false;
}

export async function requireEventsOutRead(gate: AuthorizationService, principal: Principal): Promise<void> {
  if (!(await mayAny(gate, principal, ['AUDIT', 'CONFIG', 'ADMINISTER']))) throw eventsOutReadNotGranted();
}

export async function requireEventsOutManage(gate: AuthorizationService, principal: Principal): Promise<void> {
  if (!(await mayAny(gate, principal, ['CONFIG', 'ADMINISTER']))) throw eventsOutManageNotGranted();
}
