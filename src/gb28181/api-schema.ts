/** The GB/T 28181 routes' shapes (OpenAPI). */
import { z } from 'zod';
import { reasonInput } from '../access/register/model.ts';

const code20 = z.string().regex(/^\d{20}$/).describe('20-digit GB/T 28181 code (Annex E)');

export const gbDeviceParams = z.object({ deviceId: code20 });
export const gbChannelParams = z.object({ deviceId: code20, channelId: code20 });

export const gbDevice = z.object({
  deviceId: z.string(),
  name: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  transport: z.enum(['UDP', 'TCP']),
  host: z.string(),
  port: z.number().int(),
  online: z.boolean(),
  registeredAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  lastKeepaliveAt: z.string().nullable(),
  channelCount: z.number().int(),
  known: z.boolean().describe('a channel of the device is a registry camera'),
  ownPassword: z.boolean().describe('the device registers with its own password (set through the API), not gb28181.password'),
});

export const gbChannel = z.object({
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
  updatedAt: z.string(),
});

export const gbDeviceInfo = z.object({ name: z.string().nullable(), manufacturer: z.string().nullable(), model: z.string().nullable(), firmware: z.string().nullable(), channels: z.number().int().nullable() });

export const gbDeviceStatus = z.object({
  online: z.boolean(),
  statusOk: z.boolean(),
  encode: z.boolean().nullable(),
  record: z.boolean().nullable(),
  deviceTime: z.string().nullable(),
  alarms: z.array(z.object({ channelId: z.string(), status: z.string() })),
});

export const gbRecordQuery = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });

export const gbRecordItem = z.object({
  channelId: z.string(),
  name: z.string().nullable(),
  startTime: z.string(),
  endTime: z.string(),
  filePath: z.string().nullable(),
  secrecy: z.number().int().nullable(),
  type: z.string().nullable(),
  fileSize: z.number().int().nullable(),
});

const direction = z.union([z.literal(-1), z.literal(0), z.literal(1)]);
export const gbPtzCommand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('move'), pan: direction, tilt: direction, zoom: direction, speed: z.number().int().min(0).max(255) }),
  z.object({ kind: z.literal('stop') }),
  z.object({ kind: z.enum(['preset-set', 'preset-goto', 'preset-delete']), preset: z.number().int().min(1).max(255) }),
]);

export const gbPtzInput = z.object({
  command: gbPtzCommand,
  reason: reasonInput.optional().describe('事由: needed when taking control of the camera (the access-register entry, art. 16); not for stop'),
});

export const gbPtzResult = z.object({ registerEntryId: z.string().nullable() });

export const gbPasswordInput = z.object({ password: z.string().min(8).max(128).nullable().describe('the device’s own Digest password; null: back to gb28181.password') });
