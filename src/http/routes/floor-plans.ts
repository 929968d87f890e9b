/**
 * A site's floor plan over HTTP: the image as raw bytes (`application/octet-stream`; its type comes
 * from its magic bytes), its scale and origin as query parameters or JSON. Registered as its own
 * plugin so that the raw-body parser applies here only.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { FLOOR_PLAN_MAX_BYTES, floorPlanPlacementInput, floorPlanRecord, floorPlanUploadInput } from '../../registry/floor-plan/model.ts';
import { InvalidError } from '../../shared/errors.ts';
import { actorOf } from '../request-context.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';
import { SIGNED_IN, needs } from '../../access/route-access.ts';

const tags = ['registry'];
const fileBody = z.custom<Readable>(() => true).meta({ type: 'string', format: 'binary', description: 'the image bytes (PNG, JPEG or WebP)' });

function imageBody(request: FastifyRequest): Readable {
  const body = request.body as Readable | undefined;
  if (!body || typeof (body as Partial<Readable>)[Symbol.asyncIterator] !== 'function') {
    throw new InvalidError('E_FLOOR_PLAN_FILE_REQUIRED', {
      message: { zh: '请以 application/octet-stream 上传平面图图片', en: 'Send the floor plan image as application/octet-stream' },
    });
  }
  return body;
}

export async function floorPlanRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  const { floorPlans } = options.services;
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const path = '/api/sites/:id/floor-plan';

  r.put(
    path,
    {
      config: { access: needs('CONFIG') },
      // Room for the limit itself: the service refuses a larger body with E_FLOOR_PLAN_TOO_LARGE.
      bodyLimit: FLOOR_PLAN_MAX_BYTES + 1024,
      schema: {
        tags,
        description: "Uploads or replaces the site's floor plan image, with its scale (metres per pixel) and the origin of its top-left corner",
        params: idParams,
        querystring: floorPlanUploadInput,
        consumes: ['application/octet-stream'],
        body: fileBody.optional(),
        response: { 200: floorPlanRecord },
      },
    },
    async (request) => floorPlans.upload(request.params.id, request.query, imageBody(request), actorOf(request)),
  );
  r.get(path, { config: { access: SIGNED_IN }, schema: { tags, params: idParams, response: { 200: floorPlanRecord } } }, async (request) =>
    floorPlans.get(request.params.id, principalOf(request)),
  );
  r.patch(
    path,
    { config: { access: needs('CONFIG') }, schema: { tags, params: idParams, body: floorPlanPlacementInput, response: { 200: floorPlanRecord } } },
    async (request) => floorPlans.place(request.params.id, request.body, actorOf(request)),
  );
  r.get(`${path}/image`, { config: { access: SIGNED_IN }, schema: { tags, params: idParams } }, async (request, reply) => {
    const { record, stream } = await floorPlans.image(request.params.id, principalOf(request));
    return reply
      .header('content-type', record.mediaType)
      .header('content-length', String(record.sizeBytes))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-cache')
      .header('etag', `"${record.sha256}"`)
      .send(stream);
  });
}
