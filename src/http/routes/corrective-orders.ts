/**
 * Corrective orders 责令改正 (REG-24-3): recorded and closed by the unit's administrators (ADMINISTER
 * over every site the order concerns, checked in the service), read by anyone signed in within reach.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { needs, SIGNED_IN } from '../../access/route-access.ts';
import { atQuery, orderAlertRecord, orderHistoryRecord, orderRecord, ordersQuery } from '../../corrective-orders/api-schema.ts';
import { closeItemInput, recordInput } from '../../corrective-orders/model.ts';
import { principalOf } from '../principal-of.ts';
import { actorOf } from '../request-context.ts';
import { idParams } from './crud.ts';

const tags = ['corrective orders'];
const ADMINISTER = needs('ADMINISTER');
const BODY_LIMIT = 48 * 1024 * 1024;
const id = z.string().min(1).max(64);

export function correctiveOrderRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const orders = services.correctiveOrders;
  const at = (query: { at?: string | undefined }) => (query.at ? new Date(query.at) : undefined);

  r.get('/api/corrective-orders', { config: { access: SIGNED_IN }, schema: { tags, summary: 'corrective orders of the sites you can see, with days left and overdue', querystring: ordersQuery, response: { 200: z.array(orderRecord) } } }, async (request) =>
    orders.views(principalOf(request), request.query.status ? { status: request.query.status } : {}),
  );

  r.post(
    '/api/corrective-orders',
    {
      config: { access: ADMINISTER },
      bodyLimit: BODY_LIMIT,
      schema: { tags, summary: 'record an order to correct: reference, organ, date, articles, time limit (days or a date), sites, items with links to findings and tasks, the scan (base64)', body: recordInput, response: { 201: orderRecord } },
    },
    async (request, reply) => reply.status(201).send(await orders.record(actorOf(request), request.body)),
  );

  r.get('/api/corrective-orders/alerts', { config: { access: SIGNED_IN }, schema: { tags, summary: 'the alert standing for each open order: 7 days before, 1 day before, overdue', querystring: atQuery, response: { 200: z.array(orderAlertRecord) } } }, async (request) =>
    orders.alerts(principalOf(request), at(request.query)),
  );

  r.get('/api/corrective-orders/:id', { config: { access: SIGNED_IN }, schema: { tags, summary: 'one order with its items, evidence and deadline', params: idParams, querystring: atQuery, response: { 200: orderRecord } } }, async (request) =>
    orders.view(principalOf(request), request.params.id, at(request.query)),
  );

  r.get('/api/corrective-orders/:id/history', { config: { access: SIGNED_IN }, schema: { tags, summary: 'every step of the order, with actor and time', params: idParams, response: { 200: z.array(orderHistoryRecord) } } }, async (request) =>
    (await orders.history(principalOf(request), request.params.id)).map(({ seq, action, actor, at: when, reason, before, after }) => ({ seq, action, actor, at: when, reason, before, after })),
  );

  r.post(
    '/api/corrective-orders/:id/items/:itemId/close',
    {
      config: { access: ADMINISTER },
      bodyLimit: BODY_LIMIT,
      schema: { tags, summary: 'close an item with evidence (a note, photos or documents as base64); the order closes with its last item', params: z.strictObject({ id, itemId: id }), body: closeItemInput, response: { 200: orderRecord } },
    },
    async (request) => orders.closeItem(actorOf(request), request.params.id, request.params.itemId, request.body),
  );

  r.get(
    '/api/corrective-orders/:id/documents/:documentId',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'the scan of the order or a piece of evidence, as uploaded (x-sha256 header)', params: z.strictObject({ id, documentId: id }) } },
    async (request, reply) => {
      const doc = await orders.document(principalOf(request), request.params.id, request.params.documentId);
      return reply
        .header('content-type', doc.mediaType)
        .header('x-sha256', doc.sha256)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(doc.bytes);
    },
  );

  r.get('/api/corrective-orders/:id/report-back.pdf', { config: { access: SIGNED_IN }, schema: { tags, summary: 'the report back to the organ (PDF): items, what was done, evidence SHA-256', params: idParams } }, async (request, reply) => {
    const { pdf } = await orders.reportBack(principalOf(request), request.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="corrective-order-${request.params.id}.pdf"`).send(pdf);
  });
}
