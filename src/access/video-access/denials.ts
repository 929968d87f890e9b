/** Every refused video request leaves a DENIAL entry in the register (REG-16-3), then the refusal goes on. */
import { ForbiddenError } from '../../shared/errors.ts';
import type { Principal } from '../principal.ts';
import type { DenialInput, RegisterService } from '../register/register-service.ts';

export async function recordingDenials<T>(register: RegisterService, principal: Principal, request: Omit<DenialInput, 'error'>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ForbiddenError) {
      await register.deny(principal, { ...request, error: { code: error.code, ...(error.article ? { article: error.article } : {}) } });
    }
    throw error;
  }
}
