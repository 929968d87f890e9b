/** An approved export carried out as one verifiable bundle file (art. 15, REG-16-3). */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../app/services.ts';
import { needs } from '../../access/route-access.ts';
import { exportInput } from '../../access/video-access/api-schema.ts';
import { principalOf } from '../principal-of.ts';

export function exportBundleRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/exports/bundle',
    {
      config: { access: needs('EXPORT') },
      schema: {
        tags: ['video access'],
        summary: 'carry out an approved export (once) as a bundle: MP4, original segments, manifest with proofs and the signed checkpoint (application/x-tar)',
        description: 'The register entry, with the bundle’s SHA-256, is written before the download starts. Check the file with `custos verify BUNDLE`.',
        body: exportInput,
      },
    },
    async (request, reply) => {
      const bundle = await services.exports.bundle(principalOf(request), request.body.exportRequestId);
      const stream = createReadStream(bundle.file);
      stream.on('close', () => void rm(bundle.file, { force: true }));
      return reply
        .header('content-type', 'application/x-tar')
        .header('content-length', String(bundle.bytes))
        .header('content-disposition', `attachment; filename="${bundle.fileName}"`)
        .header('x-custos-sha256', bundle.sha256)
        .header('x-custos-register-entry', bundle.registerEntryId)
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );
}
