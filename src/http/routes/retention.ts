/**
 * Retention (art. 17, arts. 26–28): status per camera, settings, capacity, holds, purpose links,
 * ordered deletions, the sweep on demand and the deletion log. Thin: the logic is in src/retention.
 * There is no route that deletes footage directly: only the sweep and an executed order do.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { ADMINISTRATION, needs, SIGNED_IN } from '../../access/route-access.ts';
import { NotAllowedError } from '../../shared/errors.ts';
import { deletionLogQuery } from '../../retention/deletion-log.ts';
import { holdCreateInput, holdReleaseInput, holdReviewInput } from '../../retention/holds-service.ts';
import { orderCreateInput } from '../../retention/orders-service.ts';
import { purposeCloseCaseInput, purposeOpenInput } from '../../retention/purposes-service.ts';
import { settingsInput } from '../../retention/settings-service.ts';
import { capacityReportView, deletionView, holdView, orderView, purposeView, retentionFindingView, retentionSettingsView, retentionStatusView } from '../../retention/api-schema.ts';
import { actorOf } from '../request-context.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';

const tags = ['retention'];
const read = { access: SIGNED_IN };
const change = { access: ADMINISTRATION };
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export function retentionRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const retention = services.retention;

  r.get('/api/retention/status', { config: read, schema: { tags, summary: 'retention status of every camera', response: { 200: z.array(retentionStatusView) } } }, async (request) => retention.status.all(principalOf(request)));
  r.get('/api/retention/cameras/:id', { config: read, schema: { tags, params: idParams, response: { 200: retentionStatusView } } }, async (request) => retention.status.camera(request.params.id, principalOf(request)));
  r.put('/api/retention/cameras/:id', { config: change, schema: { tags, params: idParams, body: settingsInput, summary: 'retention days, basis and stream priority', response: { 200: retentionSettingsView } } }, async (request) =>
    retention.settings.set(request.params.id, request.body, actorOf(request)),
  );
  r.get('/api/retention/capacity', { config: read, schema: { tags, summary: 'capacity forecast, findings and suspended streams', response: { 200: capacityReportView } } }, async (request) => retention.reach.capacity(principalOf(request)));
  r.get('/api/retention/findings', { config: read, schema: { tags, response: { 200: z.array(retentionFindingView) } } }, async (request) => retention.reach.findings(principalOf(request)));
  r.post('/api/retention/sweep', { config: change, schema: { tags, summary: 'run the retention sweep now' } }, async () => retention.run());

  r.get('/api/retention/holds', { config: read, schema: { tags, querystring: z.strictObject({ active: flag.optional(), cameraId: z.string().max(64).optional() }), response: { 200: z.array(holdView) } } }, async (request) =>
    retention.holds.list(request.query, principalOf(request)),
  );
  r.post('/api/retention/holds', { config: change, schema: { tags, body: holdCreateInput, response: { 201: holdView } } }, async (request, reply) =>
    reply.code(201).send(await retention.holds.create(request.body, actorOf(request))),
  );
  r.get('/api/retention/holds/:id', { config: read, schema: { tags, params: idParams, response: { 200: holdView } } }, async (request) => retention.holds.get(request.params.id, principalOf(request)));
  r.post('/api/retention/holds/:id/release', { config: change, schema: { tags, params: idParams, body: holdReleaseInput, response: { 200: holdView } } }, async (request) =>
    retention.holds.release(request.params.id, request.body, actorOf(request)),
  );
  r.post('/api/retention/holds/:id/review', { config: change, schema: { tags, params: idParams, body: holdReviewInput, response: { 200: holdView } } }, async (request) =>
    retention.holds.review(request.params.id, request.body, actorOf(request)),
  );

  r.get('/api/retention/purposes', { config: read, schema: { tags, querystring: z.strictObject({ cameraId: z.string().max(64).optional(), ref: z.string().max(200).optional(), open: flag.optional() }), response: { 200: z.array(purposeView) } } }, async (request) =>
    retention.purposes.list(request.query, principalOf(request)),
  );
  r.post('/api/retention/purposes', { config: change, schema: { tags, body: purposeOpenInput, summary: 'link footage to an open incident, request or complaint', response: { 201: purposeView } } }, async (request, reply) =>
    reply.code(201).send(await retention.purposes.open(request.body, actorOf(request))),
  );
  r.post('/api/retention/purposes/:id/close', { config: change, schema: { tags, params: idParams, response: { 200: purposeView } } }, async (request) => retention.purposes.close(request.params.id, actorOf(request)));
  r.post('/api/retention/purposes/close-case', { config: change, schema: { tags, body: purposeCloseCaseInput, summary: 'the case is closed: every link of it closes', response: { 200: z.array(purposeView) } } }, async (request) =>
    retention.purposes.closeCase(request.body, actorOf(request)),
  );

  r.get('/api/retention/orders', { config: read, schema: { tags, response: { 200: z.array(orderView) } } }, async (request) => retention.orders.list(principalOf(request)));
  r.post('/api/retention/orders', { config: change, schema: { tags, body: orderCreateInput, summary: 'record a deletion order of the public security organ', response: { 201: orderView } } }, async (request, reply) =>
    reply.code(201).send(await retention.orders.record(request.body, actorOf(request))),
  );
  r.get('/api/retention/orders/:id', { config: read, schema: { tags, params: idParams, response: { 200: orderView } } }, async (request) => retention.orders.get(request.params.id, principalOf(request)));
  r.post('/api/retention/orders/:id/approve', { config: { access: needs('APPROVE') }, schema: { tags, params: idParams, response: { 200: orderView } } }, async (request) =>
    retention.orders.approve(request.params.id, actorOf(request)),
  );
  r.post('/api/retention/orders/:id/execute', { config: change, schema: { tags, params: idParams, response: { 200: orderView } } }, async (request) => retention.orders.execute(request.params.id, actorOf(request)));

  // REG-23-6: footage is deleted only by the retention job or an ordered deletion; nobody deletes it by hand.
  r.delete('/api/recordings/:id', { config: read, schema: { tags, params: idParams, summary: 'always refused (405): no manual deletion of footage' } }, async () => {
    throw new NotAllowedError('E_MANUAL_DELETE_FORBIDDEN', {
      article: '23',
      message: { zh: '录像只能由保存期限到期后的自动删除或公安机关的删除命令删除,不能手工删除', en: 'Footage is deleted only by the retention job or by an order of the public security organ, never by hand' },
    });
  });

  r.get('/api/retention/deletions', { config: read, schema: { tags, querystring: deletionLogQuery, summary: 'the deletion log (no image content)', response: { 200: z.array(deletionView) } } }, async (request) =>
    retention.deletions.list(request.query, principalOf(request)),
  );
  r.get('/api/retention/deletions.csv', { config: read, schema: { tags, querystring: deletionLogQuery } }, async (request, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="custos-deletions.csv"')
      .send(await retention.deletions.csv(request.query, principalOf(request))),
  );
}
