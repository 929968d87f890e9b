/**
 * GB/T 28181-2022 Annex E: the 20-digit code of every device, channel, platform and organisation:
 * digits 1–8 the centre code (province, city, county, base unit: 2 digits each), 9–10 the industry,
 * 11–13 the type, 14 the network, 15–20 (and the rest) a serial number.
 */
import { InvalidError } from '../shared/errors.ts';

export type GbCodeRole = 'device' | 'channel' | 'platform' | 'organisation' | 'other';

/** Type digits (11–13) GB/T 28181-2022 Table E.3 defines that Custos treats differently. */
export const GB_TYPES: Record<string, { role: GbCodeRole; zh: string; en: string }> = {
  '111': { role: 'device', zh: 'DVR', en: 'DVR' },
  '112': { role: 'device', zh: '视频服务器', en: 'video server' },
  '113': { role: 'device', zh: '编码器', en: 'encoder' },
  '114': { role: 'device', zh: '解码器', en: 'decoder' },
  '115': { role: 'device', zh: '视频切换矩阵', en: 'video switching matrix' },
  '116': { role: 'device', zh: '音频切换矩阵', en: 'audio switching matrix' },
  '117': { role: 'device', zh: '报警控制器', en: 'alarm controller' },
  '118': { role: 'device', zh: '网络视频录像机', en: 'NVR' },
  '119': { role: 'device', zh: '混合硬盘录像机', en: 'hybrid recorder' },
  '131': { role: 'channel', zh: '摄像机', en: 'camera' },
  '132': { role: 'channel', zh: '网络摄像机', en: 'IP camera' },
  '133': { role: 'channel', zh: '显示器', en: 'display' },
  '134': { role: 'channel', zh: '报警输入设备', en: 'alarm input' },
  '135': { role: 'channel', zh: '报警输出设备', en: 'alarm output' },
  '136': { role: 'channel', zh: '语音输入设备', en: 'audio input' },
  '137': { role: 'channel', zh: '语音输出设备', en: 'audio output' },
  '138': { role: 'channel', zh: '移动传输设备', en: 'mobile transmission device' },
  '200': { role: 'platform', zh: '中心信令控制服务器', en: 'central SIP server' },
  '215': { role: 'organisation', zh: '业务分组', en: 'business group' },
  '216': { role: 'organisation', zh: '虚拟组织', en: 'virtual organisation' },
};

export interface GbCode {
  code: string;
  centre: string;
  industry: string;
  type: string;
  network: string;
  serial: string;
  role: GbCodeRole;
}

/** The code's parts; an InvalidError E_GB_CODE unless it is exactly 20 digits. */
export function parseGbCode(code: string, field = 'code'): GbCode {
  if (!/^\d{20}$/.test(code)) {
    throw new InvalidError('E_GB_CODE', {
      message: { zh: `${field} 须为 20 位数字编码(GB/T 28181 附录 E)`, en: `${field} must be a 20-digit code (GB/T 28181 Annex E)` },
      details: { field, value: code.slice(0, 40) },
    });
  }
  const type = code.slice(10, 13);
  return { code, centre: code.slice(0, 8), industry: code.slice(8, 10), type, network: code.slice(13, 14), serial: code.slice(14), role: GB_TYPES[type]?.role ?? 'other' };
}

/** A code whose type digits say it is a camera or other channel (131–138); throws E_GB_CODE otherwise. */
export function requireGbCodeOfRole(code: string, roles: readonly GbCodeRole[], field = 'code'): GbCode {
  const parsed = parseGbCode(code, field);
  if (!roles.includes(parsed.role)) {
    throw new InvalidError('E_GB_CODE', {
      message: {
        zh: `${field} 的类型码 ${parsed.type} 不是${roles.join('/')}`,
        en: `${field} has type digits ${parsed.type}, which is not a ${roles.join(' or ')} code`,
      },
      details: { field, value: code, type: parsed.type },
    });
  }
  return parsed;
}

export const isGbCode = (value: string): boolean => /^\d{20}$/.test(value);
