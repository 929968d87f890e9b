/** The errors of sign-in, in one place so that every path answers alike (no user enumeration). */
import { ForbiddenError, LockedError, TooManyRequestsError, UnauthenticatedError } from '../../shared/errors.ts';

export const badCredentials = (): UnauthenticatedError =>
  new UnauthenticatedError('E_BAD_CREDENTIALS', {
    message: { zh: '用户名或密码不正确', en: 'Wrong username or password' },
  });

/** REG-15-1: the name is locked at this address after repeated failures (login-throttle.ts); the same for every name, known or not. */
export const accountLocked = (waitMs: number): LockedError =>
  new LockedError('E_ACCOUNT_LOCKED', {
    message: { zh: '登录失败次数过多,已暂时锁定,请稍后再试', en: 'Too many failed sign-ins: locked for a while, try again later' },
    details: { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) },
  });

/** REG-15-2: throttled sign-in, per address or per name (login-throttle.ts): the same for every name, known or not. */
export const tooManyAttempts = (waitMs: number): TooManyRequestsError =>
  new TooManyRequestsError('E_TOO_MANY_ATTEMPTS', {
    message: { zh: '登录尝试过于频繁,请稍后再试', en: 'Too many sign-in attempts: try again later' },
    details: { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) },
  });

export const commissionExpired = (validUntil: string): ForbiddenError =>
  new ForbiddenError('E_COMMISSION_EXPIRED', {
    article: '19',
    message: {
      zh: '受托单位的委托已到期,该账户不能再登录',
      en: "The contractor's commission has ended: this account can no longer sign in",
    },
    details: { validUntil, requirement: 'REG-19-2' },
  });

/** An account opened for a fixed window (an inspector's, art. 24) whose window has ended. */
export const accountExpired = (validUntil: string): ForbiddenError =>
  new ForbiddenError('E_ACCOUNT_EXPIRED', {
    article: '24',
    message: { zh: '该账户的有效期已结束,不能再登录或访问', en: "This account's window has ended: it can no longer sign in or call anything" },
    details: { validUntil, requirement: 'REG-24-1' },
  });

/** The refusal for an account past its valid_until: a contractor's commission, or a time-boxed account's window. */
export const validityEnded = (user: { kind: string; validUntil: string }): ForbiddenError =>
  user.kind === 'CONTRACTOR' ? commissionExpired(user.validUntil) : accountExpired(user.validUntil);

export const unauthenticated = (): UnauthenticatedError =>
  new UnauthenticatedError('E_UNAUTHENTICATED', {
    message: { zh: '请先登录', en: 'Sign in first' },
  });

export const sessionExpired = (): UnauthenticatedError =>
  new UnauthenticatedError('E_SESSION_EXPIRED', {
    message: { zh: '会话已过期,请重新登录', en: 'The session has expired: sign in again' },
  });

export const totpRequired = (): UnauthenticatedError =>
  new UnauthenticatedError('E_TOTP_REQUIRED', {
    message: { zh: '请输入动态验证码', en: 'Enter the one-time code from your authenticator' },
    details: { field: 'totp' },
  });

export const totpInvalid = (): UnauthenticatedError =>
  new UnauthenticatedError('E_TOTP_INVALID', {
    message: { zh: '动态验证码不正确', en: 'The one-time code is not correct' },
    details: { field: 'totp' },
  });
