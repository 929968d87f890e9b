/**
 * Art. 15: an export bundle sent back to be checked, layer by layer, by the verifier `custos verify`
 * runs, against the server's signing key. The bundle's raw bytes come as application/octet-stream
 * (or application/x-tar), streamed to a scratch file; registered as its own plugin so that the
 * raw-body parser applies here only. Checking reveals nothing the sender does not already hold.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { SIGNED_IN } from '../../access/route-access.ts';
import { BUNDLE_LAYERS } from '../../bundle/verify-bundle.ts';
import { VERIFY_MAX_BYTES } from '../../bundle/verify-upload.ts';

const fileBody = z.custom<Readable>(() => true).meta({ type: 'string', format: 'binary', description: 'the bundle file (.tar) as produced by POST /api/exports/bundle' });
const layerResult = z.object({ layer: z.enum(BUNDLE_LAYERS), ok: z.boolean(), detail: z.string(), file: z.string().optional() });
export const bundleVerification = z.object({
  ok: z.boolean(),
  exportId: z.string().optional(),
  keyId: z.string().optional(),
  keyPinned: z.boolean().describe('checked against the key this server signs with, not only the bundle’s own'),
  bytes: z.number(),
  layers: z.array(layerResult).describe(`in order ${BUNDLE_LAYERS.join(', ')}; checking stops at the first layer that fails`),
  firstFailure: layerResult.optional(),
});

export async function bundleVerifyRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  app.addContentTypeParser(['application/octet-stream', 'application/x-tar'], (_request, payload, done) => done(null, payload));
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/exports/verify',
    {
      config: { access: SIGNED_IN },
      bodyLimit: VERIFY_MAX_BYTES,
      schema: {
        tags: ['video access'],
        summary: 'check an export bundle, layer by layer (signature, segments, chain, proofs, checkpoint, MP4), against this server’s signing key; nothing of it is kept',
        consumes: ['application/octet-stream', 'application/x-tar'],
        body: fileBody.optional(),
        response: { 200: bundleVerification },
      },
    },
    async (request) => options.services.bundles.verify(request.body, Number(request.headers['content-length'])),
  );
}
