/**
 * What the services that see security events tell the security signals (art. 23(3), 23(4)). The
 * services call these after their own work is committed; an observer never throws back at them.
 */
import type { RegisterEntry } from '../../access/register/model.ts';

export interface FailedSignIn {
  /** The name as typed (never the password). */
  username: string;
  address: string;
  /** Consecutive failures of this name from this address. */
  consecutive: number;
  /** Set when this failure locked the (name, address) pair (REG-15-1). */
  lockedUntil: Date | null;
}

export interface GrantActivated {
  grantId: string;
  roleId: string;
  scopeType: string;
  scopeId: string | null;
  /** The actions of the role as approved. */
  actions: readonly string[];
  target: { userId: string; username: string };
  /** Who approved it (a user name, or SYSTEM_SETUP / the bootstrap window). */
  actor: string;
  /** The address the approving or requesting request came from. */
  sourceAddress: string | null;
}

export interface VerificationFailure {
  /** What was verified: the access register, the ledger, the administration history. */
  what: 'REGISTER' | 'LEDGER' | 'HISTORY';
  firstBadSeq: number | null;
  problem: string;
  detail?: string;
  /** Who asked (a user name, 'cli', 'scheduled'). */
  by: string;
}

export interface SecurityObserver {
  signInFailed(event: FailedSignIn): void;
  grantActivated(event: GrantActivated): void;
  registerAppended(entry: RegisterEntry): void;
  verificationFailed(event: VerificationFailure): void;
}
