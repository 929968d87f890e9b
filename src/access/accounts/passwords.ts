/** Passwords: argon2id hashes, and the policy a new password must meet (>= 12 characters, not the username, not a common one). */
import { hash, verify, type Options } from '@node-rs/argon2';
import { InvalidError } from '../../shared/errors.ts';

/** Argon2id (algorithm 2; the package's const enum is not available at run time), OWASP's minimum cost. */
const OPTIONS: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };
export const MIN_PASSWORD_LENGTH = 12;

/** A short list of the passwords people pick first; a longer list can come from a file later. */
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  'password1234',
  'password12345',
  'passw0rd1234',
  'qwertyuiop12',
  'qwertyuiopas',
  'qwerty123456',
  'abc123456789',
  'abcdefghijkl',
  'iloveyou1234',
  'adminadmin12',
  'administrator',
  'admin1234567',
  'admin@123456',
  'welcome12345',
  'letmein12345',
  '111111111111',
  '000000000000',
  '123123123123',
  'a1b2c3d4e5f6',
  '1q2w3e4r5t6y',
  'zaq12wsxcde3',
  'woaini123456',
  'woaini520520',
  '5201314520131',
  'custoscustos',
  'changeme1234',
]);

export function checkPasswordPolicy(username: string, password: string): void {
  const lower = password.toLowerCase();
  const problem =
    [...password].length < MIN_PASSWORD_LENGTH
      ? 'TOO_SHORT'
      : lower.includes(username.toLowerCase())
        ? 'CONTAINS_USERNAME'
        : COMMON.has(lower) || new Set(lower).size <= 2
          ? 'COMMON'
          : undefined;
  if (!problem) return;
  throw new InvalidError('E_PASSWORD_WEAK', {
    message: {
      zh: `密码强度不足:至少 ${MIN_PASSWORD_LENGTH} 个字符,不得包含用户名,不得使用常见密码`,
      en: `Password too weak: at least ${MIN_PASSWORD_LENGTH} characters, not containing the username, not a common password`,
    },
    details: { field: 'password', problem, minLength: MIN_PASSWORD_LENGTH },
  });
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Verifies against a throw-away hash, so that an unknown username costs as much time as a wrong password. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hash('custos-dummy-password-for-timing', OPTIONS);
  await verifyPassword(await dummy, password);
}
