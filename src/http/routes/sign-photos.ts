/**
 * REG-13-5 over HTTP: the photo that proves a sign is up. The upload is the image's raw bytes
 * (`image/jpeg`, `image/png`, or `application/octet-stream`), at most SIGN_PHOTO_MAX_BYTES; the type is
 * decided by the bytes, not by the header. Registered as its own plugin so that the raw-body parsers
 * apply here only.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { signRecord } from '../../registry/model.ts';
import { SIGN_PHOTO_MAX_BYTES } from '../../registry/sign-photo-store.ts';
import { InvalidError } from '../../shared/errors.ts';
import { actorOf } from '../request-context.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';
import { SIGNED_IN, needs } from '../../access/route-access.ts';

const tags = ['registry'];
const photoBody = z.custom<Buffer>(() => true).meta({ type: 'string', format: 'binary', description: 'the JPEG or PNG bytes' });

export async function signPhotoRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  const { signs, signPhotos } = options.services;
  for (const type of ['image/jpeg', 'image/png', 'application/octet-stream']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: SIGN_PHOTO_MAX_BYTES }, (_request, body, done) => done(null, body));
  }
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/signs/:id/photo',
    {
      config: { access: needs('CONFIG') },
      bodyLimit: SIGN_PHOTO_MAX_BYTES,
      schema: {
        tags,
        description: `REG-13-5: the sign's photo, JPEG or PNG, at most ${SIGN_PHOTO_MAX_BYTES} bytes; the sign records it as sign-photos/<sha256>.<ext>`,
        params: idParams,
        consumes: ['image/jpeg', 'image/png', 'application/octet-stream'],
        body: photoBody.optional(),
        response: { 200: signRecord },
      },
    },
    async (request) => {
      const bytes = request.body;
      return signs.attachPhoto(request.params.id, actorOf(request), async () => {
        if (!Buffer.isBuffer(bytes)) {
          throw new InvalidError('E_SIGN_PHOTO_REQUIRED', {
            article: '13',
            message: { zh: '请以 image/jpeg 或 image/png 上传照片内容', en: 'Send the photo bytes as image/jpeg or image/png' },
          });
        }
        return (await signPhotos.put(bytes, request.headers['content-type'])).ref;
      });
    },
  );

  r.get(
    '/api/signs/:id/photo',
    { config: { access: SIGNED_IN }, schema: { tags, description: 'REG-13-5: the sign photo, checked against the hash it was stored under', params: idParams } },
    async (request, reply) => {
      const sign = await signs.get(request.params.id, principalOf(request));
      const photo = await signPhotos.get(sign.photoRef);
      return reply
        .header('content-type', photo.mediaType)
        .header('x-content-sha256', photo.sha256)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(photo.bytes);
    },
  );
}
