/**
 * Password verification for sign-in, bounded: argon2 runs on libuv's thread pool (4 threads by default),
 * which file and DNS work share, so a burst of sign-ins may hold at most two of them and queue 64 more;
 * beyond that the attempt is refused at once instead of making everyone wait.
 */
import { Semaphore } from '../../shared/semaphore.ts';
import { tooManyAttempts } from './auth-errors.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';

const ARGON2_SLOTS = 2;
const ARGON2_QUEUE = 64;
const verifications = new Semaphore(ARGON2_SLOTS, ARGON2_QUEUE);

/** Whether `password` matches `stored`; with no stored hash (unknown name), as slow as a wrong password and false. */
export function checkPasswordBounded(stored: string | undefined, password: string): Promise<boolean> {
  return verifications.run(
    async () => {
      if (stored !== undefined) return verifyPassword(stored, password);
      await burnPasswordCheck(password);
      return false;
    },
    () => tooManyAttempts(1000),
  );
}
