/**
 * REG-11-1 and REG-11-2: the system archive over HTTP. An upload is the file's raw bytes as
 * `application/octet-stream`, streamed to the file store (never held whole in memory); what the file
 * is comes as query parameters. Registered as its own plugin so that the raw-body parser applies
 * here only.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { archiveDownloadInput, archiveUploadInput, archiveVersionInput } from '../../archive/inputs.ts';
import { ARCHIVE_DOCUMENT_TYPES, archiveDocumentView } from '../../archive/model.ts';
import { ARCHIVE_STANDARDS } from '../../policy/cn-order-799/archive-data.ts';
import { id } from '../../registry/model.ts';
import { InvalidError } from '../../shared/errors.ts';
import { actorOf } from '../request-context.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';
import { ADMINISTRATION, PUBLIC, SIGNED_IN, needs } from '../../access/route-access.ts';

const tags = ['archive'];
const docParams = z.strictObject({ docId: id });
const versionParams = docParams.extend({ n: z.coerce.number().int().min(1).max(1_000_000) });
/** The request body as the raw-body parser hands it on: a stream, documented as binary. */
const fileBody = z.custom<Readable>(() => true).meta({ type: 'string', format: 'binary', description: 'the file bytes' });
const verification = z.object({
  at: z.string(),
  checked: z.number(),
  invalid: z.number(),
  results: z.array(
    z.object({
      docId: z.string(),
      siteId: z.string(),
      version: z.number(),
      valid: z.boolean(),
      expectedSha256: z.string(),
      actualSha256: z.string().nullable(),
      problem: z.enum(['MISSING', 'HASH_MISMATCH', 'UNREADABLE']).nullable(),
    }),
  ),
});

/** The body as a stream, refusing an absent one and one whose stated length is already over the limit. */
function uploadBody(request: FastifyRequest, maxBytes: number): Readable {
  const body = request.body as Readable | undefined;
  if (!body || typeof (body as Partial<Readable>)[Symbol.asyncIterator] !== 'function') {
    throw new InvalidError('E_ARCHIVE_FILE_REQUIRED', {
      message: { zh: '请以 application/octet-stream 上传文件内容', en: 'Send the file bytes as application/octet-stream' },
    });
  }
  const length = Number(request.headers['content-length']);
  if (Number.isFinite(length) && length > maxBytes) {
    throw new InvalidError('E_ARCHIVE_TOO_LARGE', {
      message: { zh: `文件超过上限 ${maxBytes} 字节`, en: `The file is larger than the limit of ${maxBytes} bytes` },
      details: { maxBytes },
    });
  }
  return body;
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266, RFC 8187). */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function archiveRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  const { archive } = options.services;
  const maxBytes = archive.limits.maxBytes;
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const upload = { consumes: ['application/octet-stream'], body: fileBody.optional() };

  r.get('/api/meta/archive', { config: { access: PUBLIC }, schema: { tags: ['meta'] } }, async () => ({ documentTypes: ARCHIVE_DOCUMENT_TYPES, standards: ARCHIVE_STANDARDS, maxBytes }));

  r.post(
    '/api/sites/:id/archive',
    { config: { access: needs('CONFIG') }, bodyLimit: maxBytes, schema: { tags, params: idParams, querystring: archiveUploadInput, ...upload, response: { 201: archiveDocumentView } } },
    async (request, reply) =>
      reply.status(201).send(await archive.upload(request.params.id, request.query, uploadBody(request, maxBytes), actorOf(request))),
  );
  r.get('/api/sites/:id/archive', { config: { access: SIGNED_IN }, schema: { tags, params: idParams, response: { 200: z.array(archiveDocumentView) } } }, async (request) =>
    archive.list(request.params.id, principalOf(request)),
  );
  r.get('/api/archive/:docId', { config: { access: SIGNED_IN }, schema: { tags, params: docParams, response: { 200: archiveDocumentView } } }, async (request) =>
    archive.get(request.params.docId, principalOf(request)),
  );
  r.post(
    '/api/archive/:docId/versions',
    { config: { access: needs('CONFIG') }, bodyLimit: maxBytes, schema: { tags, params: docParams, querystring: archiveVersionInput, ...upload, response: { 201: archiveDocumentView } } },
    async (request, reply) =>
      reply.status(201).send(await archive.addVersion(request.params.docId, request.query, uploadBody(request, maxBytes), actorOf(request))),
  );
  r.get(
    '/api/archive/:docId/versions/:n/content',
    { config: { access: SIGNED_IN }, schema: { tags, params: versionParams, querystring: archiveDownloadInput } },
    async (request, reply) => {
      const { version, stream } = await archive.download(request.params.docId, request.params.n, request.query, actorOf(request));
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', String(version.sizeBytes))
        .header('content-disposition', contentDisposition(version.fileName))
        .header('x-content-sha256', version.sha256)
        .send(stream);
    },
  );
  // REG-11-2: always refused while deletion is not yet allowed (405 E_ARCHIVE_RETENTION).
  r.delete('/api/archive/:docId', { config: { access: ADMINISTRATION }, schema: { tags, params: docParams } }, async (request): Promise<void> => {
    await archive.delete(request.params.docId, actorOf(request));
  });
  r.post('/api/archive/verify', { config: { access: needs('AUDIT') }, schema: { tags, response: { 200: verification } } }, async (request) => archive.verify(actorOf(request)));
}
