/** ONVIF: discover devices on the network, see what one offers, add it as a registry camera. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { needs } from '../../access/route-access.ts';
import { cameraRecord } from '../../registry/model.ts';
import { principalOf } from '../principal-of.ts';
import { actorOf } from '../request-context.ts';

const tags = ['onvif'];
const credentialFields = { username: z.string().min(1).max(128), password: z.string().max(256) };
const deviceTarget = z.strictObject({ deviceUrl: z.string().url().max(2000), ...credentialFields });

const discoveredDevice = z.object({
  endpoint: z.string(),
  deviceUrl: z.string().nullable(),
  addresses: z.array(z.string()),
  scopes: z.object({ name: z.string().nullable(), hardware: z.string().nullable(), location: z.string().nullable() }),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  firmwareVersion: z.string().nullable(),
  serialNumber: z.string().nullable(),
  hardwareId: z.string().nullable(),
  mac: z.string().nullable(),
  inInventory: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

const inspected = z.object({
  device: z.object({ manufacturer: z.string(), model: z.string(), firmwareVersion: z.string().nullable(), serialNumber: z.string(), hardwareId: z.string().nullable() }),
  mac: z.string().nullable(),
  ptz: z.boolean(),
  events: z.boolean(),
  profiles: z.array(
    z.object({
      token: z.string(),
      name: z.string(),
      encoding: z.string().nullable(),
      width: z.number().nullable(),
      height: z.number().nullable(),
      fps: z.number().nullable(),
      ptzConfigurationToken: z.string().nullable(),
      streamUri: z.string().nullable(),
    }),
  ),
});

export function onvifRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/onvif/discover',
    {
      config: { access: needs('CONFIG') },
      schema: {
        tags,
        summary: 'WS-Discovery probe (multicast and the configured unicast targets); with credentials, each device’s maker, model, firmware, serial and MAC; devices not in the inventory raise UNREGISTERED_DEVICE; CONFIG',
        body: z.strictObject({ username: credentialFields.username.optional(), password: credentialFields.password.optional(), multicast: z.boolean().optional(), targets: z.array(z.string().regex(/^[\w.-]+:\d{1,5}$/)).max(64).optional() }),
        response: { 200: z.object({ devices: z.array(discoveredDevice), multicast: z.enum(['sent', 'refused', 'off']), multicastError: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { username, password, targets, multicast } = request.body;
      return services.onvifDiscovery.discover(principalOf(request), { credential: username ? { username, password: password ?? '' } : undefined, targets, multicast });
    },
  );
  r.post(
    '/api/onvif/inspect',
    { config: { access: needs('CONFIG') }, schema: { tags, summary: 'what an ONVIF device offers: identity, profiles with their RTSP addresses, PTZ, events; CONFIG', body: deviceTarget, response: { 200: inspected } } },
    async (request) => services.onvifCameras.inspect(principalOf(request), request.body),
  );
  r.post(
    '/api/onvif/cameras',
    {
      config: { access: needs('CONFIG') },
      schema: {
        tags,
        summary: 'add an ONVIF device as a registry camera: product fields from the device, the main profile’s stream (credentials kept, never returned), the substream and device address kept; CONFIG on the site',
        body: deviceTarget.extend({
          siteId: z.string().min(1),
          name: z.string().min(1).max(200),
          mainProfile: z.string().max(64).optional(),
          subProfile: z.string().max(64).nullable().optional(),
          camera: z.record(z.string(), z.unknown()).optional(),
        }),
        response: { 201: cameraRecord.extend({ scope: z.enum(['PSVS', 'NON_PUBLIC']) }) },
      },
    },
    async (request, reply) => {
      const camera = await services.onvifCameras.add(request.body, actorOf(request));
      return reply.code(201).send(await services.cameras.view(camera));
    },
  );
}
