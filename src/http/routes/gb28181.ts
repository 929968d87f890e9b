/** GB/T 28181 devices and channels (src/gb28181/directory): lists within reach, queries, channels added as cameras. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { SIGNED_IN, needs } from '../../access/route-access.ts';
import {
  gbAddChannelInput,
  gbAddChannelResult,
  gbChannelView,
  gbDeviceInfoView,
  gbDeviceStatusView,
  gbDeviceView,
  gbRecordItemView,
  gbRecordsQuery,
} from '../../gb28181/directory/api-schema.ts';
import { gbPasswordInput, gbPtzInput, gbPtzResult } from '../../gb28181/api-schema.ts';
import { principalOf } from '../principal-of.ts';

const tags = ['gb28181'];
const code = z.string().min(1).max(40);
const deviceParams = z.strictObject({ deviceId: code });
const channelParams = z.strictObject({ deviceId: code, channelId: code });

export function gb28181Routes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const gb = services.gbDirectory;

  r.get(
    '/api/gb28181/devices',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'GB/T 28181 devices that registered: all for CONFIG over every camera or ADMINISTER, otherwise those with a channel linked to a camera within reach (no address)', response: { 200: z.array(gbDeviceView) } } },
    async (request) => gb.listDevices(principalOf(request)),
  );
  r.get(
    '/api/gb28181/devices/:deviceId',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'one GB/T 28181 device: online, registration, last keep-alive, in the inventory or not', params: deviceParams, response: { 200: gbDeviceView } } },
    async (request) => gb.getDevice(principalOf(request), request.params.deviceId),
  );
  r.get(
    '/api/gb28181/devices/:deviceId/channels',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'the device’s catalog as last received: channels with status, PTZ type and linked camera (within reach)', params: deviceParams, response: { 200: z.array(gbChannelView) } } },
    async (request) => gb.listChannels(principalOf(request), request.params.deviceId),
  );
  r.post(
    '/api/gb28181/devices/:deviceId/catalog',
    { config: { access: needs('CONFIG') }, schema: { tags, summary: 'ask the device for its catalog (Catalog query) and answer the channels once all arrived; CONFIG over every camera or ADMINISTER', params: deviceParams, response: { 200: z.array(gbChannelView) } } },
    async (request) => gb.refreshCatalog(principalOf(request), request.params.deviceId),
  );
  r.post(
    '/api/gb28181/devices/:deviceId/info',
    { config: { access: needs('CONFIG') }, schema: { tags, summary: 'ask the device who it is (DeviceInfo query): maker, model, firmware, channels; CONFIG over every camera or ADMINISTER', params: deviceParams, response: { 200: gbDeviceInfoView } } },
    async (request) => gb.deviceInfo(principalOf(request), request.params.deviceId),
  );
  r.post(
    '/api/gb28181/devices/:deviceId/status',
    { config: { access: needs('CONFIG') }, schema: { tags, summary: 'ask the device how it is (DeviceStatus query): online, encoding, recording, alarms; CONFIG over every camera or ADMINISTER', params: deviceParams, response: { 200: gbDeviceStatusView } } },
    async (request) => gb.deviceStatus(principalOf(request), request.params.deviceId),
  );
  r.post(
    '/api/gb28181/devices/:deviceId/channels/:channelId/camera',
    {
      config: { access: needs('CONFIG') },
      schema: {
        tags,
        summary: 'add a camera channel (type 131/132) to the registry as an inactive camera with stream gb28181://device/channel and the product data of the catalog and DeviceInfo, and link it; CONFIG on the site, device-level access; 409 E_GB_CHANNEL_LINKED when already added',
        params: channelParams,
        body: gbAddChannelInput,
        response: { 201: gbAddChannelResult },
      },
    },
    async (request, reply) => reply.code(201).send(await gb.addChannelAsCamera(principalOf(request), request.params.deviceId, request.params.channelId, request.body)),
  );
  r.delete(
    '/api/gb28181/devices/:deviceId/channels/:channelId/camera',
    { config: { access: needs('CONFIG') }, schema: { tags, summary: 'remove the link between the channel and its camera (CONFIG on the camera); the camera stays in the registry', params: channelParams, response: { 200: gbChannelView } } },
    async (request) => gb.unlinkChannel(principalOf(request), request.params.deviceId, request.params.channelId),
  );
  r.get(
    '/api/gb28181/devices/:deviceId/channels/:channelId/records',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'the device’s own recordings of a linked channel on one legal day (`day`) or between two instants (`from`, `to`) (RecordInfo query); LIVE or PLAYBACK on the camera', params: channelParams, querystring: gbRecordsQuery, response: { 200: z.array(gbRecordItemView) } } },
    async (request) => gb.records(principalOf(request), request.params.deviceId, request.params.channelId, request.query),
  );
  r.put(
    '/api/gb28181/devices/:deviceId/password',
    { config: { access: needs('CONFIG') }, schema: { tags, summary: 'set the device’s own Digest password (sealed at rest, never returned), or null for gb28181.password; CONFIG over everything', params: deviceParams, body: gbPasswordInput, response: { 204: z.null() } } },
    async (request, reply) => {
      await services.gb.setPassword(principalOf(request), request.params.deviceId, request.body.password);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/gb28181/devices/:deviceId/channels/:channelId/ptz',
    { config: { access: needs('PTZ') }, schema: { tags, summary: 'pan, tilt, zoom, stop or presets by DeviceControl (§9.3, Annex A.3); PTZ on the channel’s camera, taking control recorded in the access register with its reason', params: channelParams, body: gbPtzInput, response: { 200: gbPtzResult } } },
    async (request) => services.gb.ptz(principalOf(request), request.params.deviceId, request.params.channelId, request.body.command, request.body.reason),
  );
}
