/** PTZ on a camera: move (press and hold), stop, presets; PTZ on the camera, a register entry per control session. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { reasonInput } from '../../access/register/model.ts';
import { needs } from '../../access/route-access.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';

const tags = ['ptz'];
const speed = z.number().min(-1).max(1);
const controlResult = z.object({ registerEntryId: z.string() });
const preset = z.object({ token: z.string(), name: z.string().nullable() });

export function ptzRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ptz } = services;
  r.post(
    '/api/cameras/:id/ptz/move',
    {
      config: { access: needs('PTZ') },
      schema: { tags, summary: 'start moving: pan, tilt, zoom speeds in [-1, 1] until stop; the first command of a control session writes a PTZ register entry (reason if given); PTZ on the camera', params: idParams, body: z.strictObject({ pan: speed.default(0), tilt: speed.default(0), zoom: speed.default(0), reason: reasonInput.optional() }), response: { 200: controlResult } },
    },
    async (request) => {
      const { reason, ...velocity } = request.body;
      return ptz.move(principalOf(request), request.params.id, velocity, reason);
    },
  );
  r.post(
    '/api/cameras/:id/ptz/stop',
    { config: { access: needs('PTZ') }, schema: { tags, summary: 'stop moving; PTZ on the camera', params: idParams, response: { 200: controlResult } } },
    async (request) => ptz.stop(principalOf(request), request.params.id),
  );
  r.get(
    '/api/cameras/:id/ptz/presets',
    { config: { access: needs('PTZ') }, schema: { tags, summary: 'the camera’s presets; PTZ on the camera', params: idParams, response: { 200: z.array(preset) } } },
    async (request) => ptz.presets(principalOf(request), request.params.id),
  );
  r.post(
    '/api/cameras/:id/ptz/presets',
    { config: { access: needs('PTZ') }, schema: { tags, summary: 'save the current position as a preset; PTZ on the camera', params: idParams, body: z.strictObject({ name: z.string().min(1).max(64), reason: reasonInput.optional() }), response: { 201: preset } } },
    async (request, reply) => reply.code(201).send(await ptz.setPreset(principalOf(request), request.params.id, request.body.name, request.body.reason)),
  );
  r.post(
    '/api/cameras/:id/ptz/presets/:token/goto',
    { config: { access: needs('PTZ') }, schema: { tags, summary: 'go to a preset; PTZ on the camera', params: z.object({ id: z.string(), token: z.string().min(1).max(64) }), body: z.strictObject({ reason: reasonInput.optional() }).optional(), response: { 200: controlResult } } },
    async (request) => ptz.gotoPreset(principalOf(request), request.params.id, request.params.token, request.body?.reason),
  );
}
