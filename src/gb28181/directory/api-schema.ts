/** The GB/T 28181 directory as the API shows it (zod: the OpenAPI spec and the web UI's types come from here). */
import { z } from 'zod';
import { DEVICE_TYPES } from '../../registry/enums.ts';

export const gbDeviceView = z.object({
  deviceId: z.string(),
  name: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  transport: z.enum(['UDP', 'TCP']),
  host: z.string().nullable().describe('where its REGISTER came from; only for holders of device-level access'),
  port: z.number().int().nullable(),
  online: z.boolean(),
  registeredAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  lastKeepaliveAt: z.string().nullable(),
  channelCount: z.number().int(),
  known: z.boolean().describe('a camera links to one of its channels, or configuration allows it; false: not in the inventory'),
});
export type GbDeviceView = z.infer<typeof gbDeviceView>;

export const gbChannelView = z.object({
  deviceId: z.string(),
  channelId: z.string(),
  name: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  status: z.enum(['ON', 'OFF']).nullable(),
  parentId: z.string().nullable(),
  civilCode: z.string().nullable(),
  address: z.string().nullable(),
  ptzType: z.number().int().nullable().describe('1 dome, 2 half dome, 3 fixed, 4 remote-controlled'),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  cameraId: z.string().nullable(),
  cameraName: z.string().nullable(),
  /** Type digits 131/132: may be added as a camera. */
  isCamera: z.boolean(),
  updatedAt: z.string(),
});
export type GbChannelView = z.infer<typeof gbChannelView>;

export const gbDeviceInfoView = z.object({
  name: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  channels: z.number().int().nullable(),
});

export const gbDeviceStatusView = z.object({
  online: z.boolean(),
  statusOk: z.boolean(),
  encode: z.boolean().nullable(),
  record: z.boolean().nullable(),
  deviceTime: z.string().nullable(),
  alarms: z.array(z.object({ channelId: z.string(), status: z.string() })),
});

export const gbRecordItemView = z.object({
  channelId: z.string(),
  name: z.string().nullable(),
  startTime: z.string(),
  endTime: z.string(),
  filePath: z.string().nullable(),
  secrecy: z.number().nullable(),
  type: z.string().nullable(),
  fileSize: z.number().nullable(),
});

export const GB_MEDIA_TRANSPORTS = ['udp', 'tcp-passive', 'tcp-active'] as const;

export const gbAddChannelInput = z.strictObject({
  siteId: z.string().min(1).max(100),
  name: z.string().min(1).max(200).optional().describe("defaults to the channel's catalog name"),
  transport: z.enum(GB_MEDIA_TRANSPORTS).default('udp').describe('how the device sends PS over RTP: udp, tcp-passive (we listen), tcp-active (we connect)'),
  deviceType: z.enum(DEVICE_TYPES).optional().describe("defaults from the catalog's PTZType"),
  installedByUnitId: z.string().max(100).nullable().optional(),
  reason: z.string().max(2000).optional().describe('kept in the camera history'),
});
export type GbAddChannelInput = z.output<typeof gbAddChannelInput>;

export const gbAddChannelResult = z.object({ cameraId: z.string(), sourceUrl: z.string(), channel: gbChannelView });

export const gbRecordsQuery = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('the legal day (Asia/Shanghai), YYYY-MM-DD; or from and to'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type GbRecordsQuery = z.infer<typeof gbRecordsQuery>;
