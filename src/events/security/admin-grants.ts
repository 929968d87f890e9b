/**
 * A grant that takes effect and makes its holder an administrator (the role holds ADMINISTER) is a new
 * administrator (REG-23-4: SEC_ADMIN_CREATED); any other grant over the whole system (scope ALL) widens
 * a user's power to every camera: SEC_PRIVILEGE_ESCALATION. Both with actor, target and source address.
 */
import type { RaiseAlarmInput } from '../alarm-model.ts';
import type { GrantActivated } from './security-observer.ts';

export function adminGrantSignal(event: GrantActivated): RaiseAlarmInput | undefined {
  const administers = event.actions.includes('ADMINISTER');
  if (!administers && event.scopeType !== 'ALL') return undefined;
  return {
    kind: administers ? 'SEC_ADMIN_CREATED' : 'SEC_PRIVILEGE_ESCALATION',
    subject: event.target.username,
    details: {
      actor: event.actor,
      target: event.target.username,
      targetUserId: event.target.userId,
      sourceAddress: event.sourceAddress,
      grantId: event.grantId,
      roleId: event.roleId,
      scope: event.scopeType === 'ALL' ? 'ALL' : `${event.scopeType}:${event.scopeId ?? ''}`,
      actions: [...event.actions],
    },
  };
}
