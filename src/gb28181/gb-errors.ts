/** Domain errors of the GB/T 28181 platform, each with a stable code and both languages. */
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.ts';

export const gbTimeout = (method: string, target: string) =>
  new ConflictError('E_GB_TIMEOUT', {
    message: { zh: `设备未在规定时间内应答 ${method}`, en: `the device did not answer ${method} in time` },
    details: { method, target },
  });

export const gbDeviceNotFound = (deviceId: string) =>
  new NotFoundError('E_GB_DEVICE_NOT_FOUND', {
    message: { zh: `没有编码为 ${deviceId} 的 GB/T 28181 设备`, en: `no GB/T 28181 device with code ${deviceId}` },
    details: { deviceId },
  });

export const gbChannelNotFound = (deviceId: string, channelId: string) =>
  new NotFoundError('E_GB_CHANNEL_NOT_FOUND', {
    message: { zh: `设备 ${deviceId} 没有通道 ${channelId}`, en: `device ${deviceId} has no channel ${channelId}` },
    details: { deviceId, channelId },
  });

export const gbDeviceOffline = (deviceId: string) =>
  new ConflictError('E_GB_DEVICE_OFFLINE', {
    message: { zh: `设备 ${deviceId} 不在线`, en: `device ${deviceId} is offline` },
    details: { deviceId },
  });

export const gbRefused = (method: string, status: number, reason: string) =>
  new ConflictError(method === 'INVITE' ? 'E_GB_INVITE_FAILED' : 'E_GB_REFUSED', {
    message: { zh: `设备拒绝了 ${method}(${status} ${reason})`, en: `the device refused ${method} (${status} ${reason})` },
    details: { method, status },
  });

export const gbManscdp = (problem: string) =>
  new InvalidError('E_GB_MANSCDP', {
    message: { zh: `MANSCDP 消息无效:${problem}`, en: `invalid MANSCDP message: ${problem}` },
    details: { problem: problem.slice(0, 200) },
  });

export const gbNotRunning = () =>
  new ConflictError('E_GB_DISABLED', {
    message: { zh: 'GB/T 28181 平台未启用(gb28181.enabled)', en: 'the GB/T 28181 platform is not enabled (gb28181.enabled)' },
  });

export const gbUnreachable = (target: string, cause: string) =>
  new ConflictError('E_GB_UNREACHABLE', {
    message: { zh: `无法向设备发送 SIP 消息(${cause})`, en: `the SIP message could not be sent to the device (${cause})` },
    details: { target, cause: cause.slice(0, 120) },
  });
