/**
 * REG-09-3: security controls that no place category and no setting can turn off. Art. 9.2 exempts
 * only this Regulation's mandatory requirements; the Cybersecurity, Data Security and Personal
 * Information Protection Laws still apply (art. 31). Each control states honestly how it is met today.
 */
import { z } from 'zod';
import { ForbiddenError } from '../shared/errors.ts';
import type { LocalizedText } from '../shared/errors.ts';

export const BASELINE_CONTROLS = ['authentication', 'tls', 'auditLog', 'perCameraAuthorization', 'exportWatermarking'] as const;
export type BaselineControl = (typeof BASELINE_CONTROLS)[number];

export interface BaselineStatus {
  control: BaselineControl;
  /** Always true: the control cannot be switched off. */
  required: true;
  howMet: LocalizedText;
}

export function baselineStatus(): BaselineStatus[] {
  const how: Record<BaselineControl, LocalizedText> = {
    authentication: {
      zh: '用户账户(argon2id 密码、会话超时、失败锁定)、按角色要求的动态验证码、限定范围的 API 令牌;无默认密码',
      en: 'User accounts (argon2id passwords, session timeouts, lock-out), TOTP where a role requires it, scoped API tokens; no default password',
    },
    tls: {
      zh: '对外提供服务时须在反向代理处启用 TLS;服务默认仅监听本机',
      en: 'Terminate TLS at a reverse proxy before exposing the server; by default it listens on loopback only',
    },
    auditLog: { zh: '每项变更均记录操作人、时间、变更前后内容', en: 'Every change is recorded with who, when, before and after' },
    perCameraAuthorization: {
      zh: '尚无视频访问接口;按摄像机授权随账户与权限功能启用',
      en: 'No video is served yet; per-camera grants arrive with accounts and roles',
    },
    exportWatermarking: { zh: '尚无视频导出;导出水印随导出功能启用', en: 'No video export yet; watermarking arrives with exports' },
  };
  return BASELINE_CONTROLS.map((control) => ({ control, required: true, howMet: how[control] }));
}

export const settingsPatch = z.strictObject(Object.fromEntries(BASELINE_CONTROLS.map((c) => [c, z.boolean().optional()])));

/** Any attempt to switch a baseline control off is refused. */
export function refuseBaselineChange(patch: unknown): never {
  const parsed = settingsPatch.parse(patch);
  const off = Object.entries(parsed)
    .filter(([, v]) => v === false)
    .map(([k]) => k);
  throw new ForbiddenError('E_BASELINE_CONTROL', {
    article: '9.2',
    message: {
      zh: '基本安全控制(身份认证、传输加密、审计日志、按摄像机授权、导出水印)在任何场所类别下均不得关闭',
      en: 'Baseline security controls (authentication, TLS, audit log, per-camera authorisation, export watermarking) cannot be turned off in any place category',
    },
    details: { controls: off.length > 0 ? off : Object.keys(parsed) },
  });
}
