/** The access register (REG-16-5, REG-16-6): search, one entry, CSV and PDF, chain verification. Entries are never edited. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { needs, SIGNED_IN } from '../../access/route-access.ts';
import { registerEntryRecord, registerFilterQuery, registerSearchQuery, registerVerification, toFilter } from '../../access/register/api-schema.ts';
import { registerImmutable } from '../../access/register/register-errors.ts';
import { idParams } from './crud.ts';
import { principalOf } from '../principal-of.ts';

const tags = ['register'];
const AUDIT = needs('AUDIT');

export function registerRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { register } = services;

  r.get(
    '/api/register',
    {
      config: { access: AUDIT },
      schema: {
        tags,
        summary: 'search the access register (信息调用登记), newest first',
        querystring: registerSearchQuery,
        response: { 200: z.object({ total: z.number(), limit: z.number(), offset: z.number(), entries: z.array(registerEntryRecord) }) },
      },
    },
    async (request) => register.search(toFilter(request.query), { limit: request.query.limit, offset: request.query.offset }, principalOf(request)),
  );

  r.get(
    '/api/register/export.csv',
    { config: { access: AUDIT }, schema: { tags, summary: 'the matching entries as CSV (UTF-8, every REG-16-5 field)', querystring: registerFilterQuery } },
    async (request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${register.fileName('csv')}"`)
        .send(await register.csv(toFilter(request.query), principalOf(request))),
  );

  r.get(
    '/api/register/export.pdf',
    { config: { access: AUDIT }, schema: { tags, summary: 'the matching entries as a printable Chinese PDF (A4 landscape)', querystring: registerFilterQuery } },
    async (request, reply) =>
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${register.fileName('pdf')}"`)
        .send(await register.pdf(toFilter(request.query), principalOf(request))),
  );

  r.get(
    '/api/register/verify',
    { config: { access: AUDIT }, schema: { tags, summary: 'walk the register’s hash chain; names the first entry that does not verify (AUDIT over ALL)', response: { 200: registerVerification } } },
    async (request) => register.verify(principalOf(request)),
  );

  r.get('/api/register/:id', { config: { access: AUDIT }, schema: { tags, params: idParams, response: { 200: registerEntryRecord } } }, async (request) =>
    register.get(request.params.id, principalOf(request)),
  );

  // REG-16-5: entries are truthful and immutable. Every caller gets 405, whatever their rights.
  for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
    r.route({
      method,
      url: '/api/register/:id',
      config: { access: SIGNED_IN },
      schema: { tags, summary: 'refused: register entries cannot be changed (405 E_REGISTER_IMMUTABLE)', params: idParams },
      handler: async () => {
        throw registerImmutable();
      },
    });
  }
}
