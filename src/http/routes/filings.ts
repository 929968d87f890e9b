import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { FILING_ATTACHMENT_TYPES, filingDataset } from '../../policy/cn-order-799/filing/index.ts';
import { filingEditInput, filingReceiptInput, filingReturnInput, filingSubmitInput } from '../../filings/filings-service.ts';
import { filingRecord } from '../../registry/model.ts';
import { actorOf } from '../request-context.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';
import { ADMINISTRATION, SIGNED_IN } from '../../access/route-access.ts';

const tags = ['filings'];
const exportQuery = z.strictObject({
  format: z.enum(['json', 'pdf']).default('json'),
  /** Attachments already gathered, comma separated, e.g. AUTHORIZATION_LETTER,AGENT_ID. */
  present: z.string().optional(),
});

function presentAttachments(list: string | undefined): Record<string, boolean> {
  const names = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return Object.fromEntries(names.filter((n) => (FILING_ATTACHMENT_TYPES as readonly string[]).includes(n)).map((n) => [n, true]));
}

export function filingRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { filings } = services;

  r.get('/api/sites/:id/filing-draft', { config: { access: SIGNED_IN }, schema: { tags, params: idParams, response: { 200: filingDataset } } }, async (request) => filings.draftFor(request.params.id, principalOf(request)));
  r.post('/api/sites/:id/filings', { config: { access: ADMINISTRATION }, schema: { tags, params: idParams, response: { 201: filingRecord } } }, async (request, reply) =>
    reply.status(201).send(await filings.create(request.params.id, actorOf(request))),
  );
  r.get(
    '/api/filings',
    { config: { access: SIGNED_IN }, schema: { tags, querystring: z.strictObject({ siteId: z.string().optional() }), response: { 200: z.array(filingRecord) } } },
    async (request) => filings.list(request.query, principalOf(request)),
  );
  r.get('/api/filings/:id', { config: { access: SIGNED_IN }, schema: { tags, params: idParams, response: { 200: filingRecord } } }, async (request) =>
    filings.get(request.params.id, principalOf(request)),
  );
  r.post('/api/filings/:id/edits', { config: { access: ADMINISTRATION }, schema: { tags, params: idParams, body: filingEditInput, response: { 200: filingRecord } } }, async (request) =>
    filings.edit(request.params.id, request.body, actorOf(request)),
  );
  r.post('/api/filings/:id/submit', { config: { access: ADMINISTRATION }, schema: { tags, params: idParams, body: filingSubmitInput, response: { 200: filingRecord } } }, async (request) =>
    filings.submit(request.params.id, request.body, actorOf(request)),
  );
  r.post(
    '/api/filings/:id/record-receipt',
    { config: { access: ADMINISTRATION }, schema: { tags, params: idParams, body: filingReceiptInput, response: { 200: filingRecord } } },
    async (request) => filings.recordReceipt(request.params.id, request.body, actorOf(request)),
  );
  r.post('/api/filings/:id/return', { config: { access: ADMINISTRATION }, schema: { tags, params: idParams, body: filingReturnInput, response: { 200: filingRecord } } }, async (request) =>
    filings.returnFiling(request.params.id, request.body, actorOf(request)),
  );
  r.get('/api/filings/:id/export', { config: { access: SIGNED_IN }, schema: { tags, params: idParams, querystring: exportQuery } }, async (request, reply) => {
    const attachments = presentAttachments(request.query.present);
    if (request.query.format === 'pdf') {
      const pdf = await filings.exportPdf(request.params.id, attachments, principalOf(request));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="filing-${request.params.id}.pdf"`)
        .send(pdf);
    }
    return filings.exportJson(request.params.id, attachments, principalOf(request));
  });
}
