/** The refusals of the GB/T 28181 directory, each with a stable code and zh + en text. */
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors.ts';

/** No SIP platform runs in this process (gb28181.enabled is false, or a tool without the server). */
export const gbDisabled = () =>
  new ConflictError('E_GB_DISABLED', {
    message: { zh: '未启用 GB/T 28181 国标接入(gb28181.enabled)', en: 'GB/T 28181 is not enabled on this server (gb28181.enabled)' },
  });

/** Device-level data (addresses, unlinked channels, queries sent to a device): CONFIG over every camera or ADMINISTER. */
export const gbDevicesNotGranted = () =>
  new ForbiddenError('E_GB_DEVICES_NOT_GRANTED', {
    article: '16.2(2)',
    message: {
      zh: '国标设备的管理须对全部摄像机具有配置(CONFIG)权限,或具有管理(ADMINISTER)权限',
      en: 'Managing GB/T 28181 devices needs CONFIG over every camera, or ADMINISTER',
    },
  });

export const gbDeviceNotFound = (deviceId: string) =>
  new NotFoundError('E_GB_DEVICE_NOT_FOUND', {
    message: { zh: `未找到国标设备 ${deviceId}`, en: `No GB/T 28181 device ${deviceId}` },
    details: { deviceId },
  });

export const gbChannelNotFound = (deviceId: string, channelId: string) =>
  new NotFoundError('E_GB_CHANNEL_NOT_FOUND', {
    message: { zh: `设备 ${deviceId} 的目录中没有通道 ${channelId}`, en: `Device ${deviceId} has no channel ${channelId} in its catalog` },
    details: { deviceId, channelId },
  });

/** `cameraId` null: another add of the channel is under way. */
export const gbChannelLinked = (deviceId: string, channelId: string, cameraId: string | null) =>
  new ConflictError('E_GB_CHANNEL_LINKED', {
    message: cameraId
      ? { zh: `通道 ${channelId} 已作为摄像机 ${cameraId} 接入`, en: `Channel ${channelId} is already added as camera ${cameraId}` }
      : { zh: `通道 ${channelId} 正在被添加为摄像机`, en: `Channel ${channelId} is being added as a camera right now` },
    details: { deviceId, channelId, cameraId },
  });

export const gbChannelNotLinked = (deviceId: string, channelId: string) =>
  new ConflictError('E_GB_CHANNEL_NOT_LINKED', {
    message: { zh: `通道 ${channelId} 未关联摄像机`, en: `Channel ${channelId} is not linked to a camera` },
    details: { deviceId, channelId },
  });

export const gbRecordsNotGranted = (cameraId: string) =>
  new ForbiddenError('E_NO_CAMERA_PERMISSION', {
    article: '16.2(2)',
    message: { zh: '查看设备录像目录须对该摄像机具有实时查看或回放权限', en: "Listing a device's recordings needs LIVE or PLAYBACK on the camera" },
    details: { cameraId },
  });
