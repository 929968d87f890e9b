/** The errors of sign-in, in one place so that every path answers alike (no user enumeration). */
import { ForbiddenError, UnauthenticatedError } from '../../shared/errors.ts';

export const badCredentials = (): UnauthenticatedError =>
  new UnauthenticatedError('E_BAD_CREDENTIALS', {
    message: { zh: '用户名或密码不正确', en: 'Wrong username or password' },
  });

export const accountLocked = (lockedUntil: string, now: Date): ForbiddenError =>
  new ForbiddenError('E_ACCOUNT_LOCKED', {
    message: { zh: '登录失败次数过多,账户已暂时锁定', en: 'Too many failed sign-ins: the account is locked for a while' },
    details: { retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000)), lockedUntil },
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
