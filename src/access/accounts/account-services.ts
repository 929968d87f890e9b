/** The account services, wired to one database and clock (part of createServices). */
import type { KeyRing } from '../../security/key-ring.ts';
import type { SecurityObserver } from '../../events/security/security-observer.ts';
import { AuthService, type AccessLog } from './auth-service.ts';
import { LoginThrottle, type SignInThrottle } from './login-throttle.ts';
import { PrincipalResolver } from './principal-resolver.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './session-policy.ts';
import { SetupService } from './setup-service.ts';
import { DEFAULT_TOKEN_POLICY, type TokenPolicy } from './token-policy.ts';
import { TokensService } from './tokens-service.ts';
import { TotpService } from './totp-service.ts';
import { UsersService, type AccessContext } from './users-service.ts';

export interface AccountOptions {
  sessions?: SessionPolicy;
  tokens?: TokenPolicy;
  keys: KeyRing;
  security?: SecurityObserver | undefined;
  /** Shared sign-in throttling (cluster mode: PgLoginThrottle); none: one in memory. */
  throttle?: SignInThrottle | undefined;
  log?: AccessLog | undefined;
}

export function createAccountServices(ctx: AccessContext, options: AccountOptions) {
  const totp = new TotpService(ctx, options.keys);
  // One throttle for sign-in and for the administrator who unlocks an account.
  const throttle = options.throttle ?? new LoginThrottle();
  const auth = new AuthService(ctx, options.sessions ?? DEFAULT_SESSION_POLICY, totp, throttle, options.security, options.log);
  const apiTokens = new TokensService(ctx, options.tokens ?? DEFAULT_TOKEN_POLICY);
  return {
    users: new UsersService(ctx, throttle),
    auth,
    totp,
    apiTokens,
    setup: new SetupService(ctx, options.security),
    principals: new PrincipalResolver(ctx, auth, apiTokens),
  };
}
