/** GB/T 28181 devices (Custos as the platform they register to): devices, channels, queries, PTZ, device passwords. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { needs } from '../../access/route-access.ts';
import {
  gbChannel,
  gbChannelParams,
  gbDevice,
  gbDeviceInfo,
  gbDeviceParams,
  gbDeviceStatus,
  gbPasswordInput,
  gbPtzInput,
  gbPtzResult,
  gbRecordItem,
  gbRecordQuery,
} from '../../gb28181/api-schema.ts';
import { principalOf } from '../principal-of.ts';

const tags = ['gb28181'];
const base = '/api/gb28181/devices';

export function gb28181Routes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { gb } = services;
  const config = { access: needs('CONFIG') };

  r.get(base, { config, schema: { tags, summary: 'devices that registered over GB/T 28181 (SIP), online or not; CONFIG over everything', response: { 200: z.array(gbDevice) } } }, async (request) => gb.listDevices(principalOf(request)));
  r.get(`${base}/:deviceId`, { config, schema: { tags, summary: 'one device; CONFIG over everything', params: gbDeviceParams, response: { 200: gbDevice } } }, async (request) => gb.getDevice(principalOf(request), request.params.deviceId));
  r.get(`${base}/:deviceId/channels`, { config, schema: { tags, summary: 'the device’s channels as its last catalog listed them, with the camera recording each; CONFIG over everything', params: gbDeviceParams, response: { 200: z.array(gbChannel) } } }, async (request) =>
    gb.channels(principalOf(request), request.params.deviceId),
  );
  r.post(`${base}/:deviceId/catalog`, { config, schema: { tags, summary: 'ask the device for its catalog (§9.5.1) and store it; channels a full catalog leaves out are marked removed; CONFIG over everything', params: gbDeviceParams, response: { 200: z.array(gbChannel) } } }, async (request) =>
    gb.refreshCatalog(principalOf(request), request.params.deviceId),
  );
  r.post(`${base}/:deviceId/info`, { config, schema: { tags, summary: 'ask the device for DeviceInfo (name, manufacturer, model, firmware, channels) and store it; CONFIG over everything', params: gbDeviceParams, response: { 200: gbDeviceInfo } } }, async (request) =>
    gb.deviceInfo(principalOf(request), request.params.deviceId),
  );
  r.post(`${base}/:deviceId/status`, { config, schema: { tags, summary: 'ask the device for DeviceStatus (online, encoding, recording, its clock, alarm inputs); CONFIG over everything', params: gbDeviceParams, response: { 200: gbDeviceStatus } } }, async (request) =>
    gb.deviceStatus(principalOf(request), request.params.deviceId),
  );
  r.put(
    `${base}/:deviceId/password`,
    { config, schema: { tags, summary: 'set the device’s own Digest password (sealed at rest, never returned), or null for gb28181.password; CONFIG over everything', params: gbDeviceParams, body: gbPasswordInput, response: { 204: z.null() } } },
    async (request, reply) => {
      await gb.setPassword(principalOf(request), request.params.deviceId, request.body.password);
      return reply.status(204).send(null);
    },
  );
  r.get(
    `${base}/:deviceId/channels/:channelId/records`,
    { config: { access: needs('LIVE') }, schema: { tags, summary: 'recordings the device holds for the channel between two instants (RecordInfo, §9.7); LIVE on the channel’s camera', params: gbChannelParams, querystring: gbRecordQuery, response: { 200: z.array(gbRecordItem) } } },
    async (request) => gb.recordInfo(principalOf(request), request.params.deviceId, request.params.channelId, request.query.from, request.query.to),
  );
  r.post(
    `${base}/:deviceId/channels/:channelId/ptz`,
    { config: { access: needs('PTZ') }, schema: { tags, summary: 'pan, tilt, zoom, stop or presets by DeviceControl (§9.3, Annex A.3); PTZ on the channel’s camera, taking control recorded in the access register with its reason', params: gbChannelParams, body: gbPtzInput, response: { 200: gbPtzResult } } },
    async (request) => gb.ptz(principalOf(request), request.params.deviceId, request.params.channelId, request.body.command, request.body.reason),
  );
}
