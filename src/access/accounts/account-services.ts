/** The account services, wired to one database and clock (part of createServices). */
import { AuthService } from './auth-service.ts';
import { LoginThrottle } from './login-throttle.ts';
import { PrincipalResolver } from './principal-resolver.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './session-policy.ts';
import { SetupService } from './setup-service.ts';
import { TokensService } from './tokens-service.ts';
import { TotpService } from './totp-service.ts';
import { UsersService, type AccessContext } from './users-service.ts';

export function createAccountServices(ctx: AccessContext, policy: SessionPolicy = DEFAULT_SESSION_POLICY) {
  // One throttle for sign-in and for the administrator who unlocks an account.
  const throttle = new LoginThrottle();
  const auth = new AuthService(ctx, policy, throttle);
  const apiTokens = new TokensService(ctx);
  return {
    users: new UsersService(ctx, throttle),
    auth,
    totp: new TotpService(ctx),
    apiTokens,
    setup: new SetupService(ctx),
    principals: new PrincipalResolver(ctx, auth, apiTokens),
  };
}
