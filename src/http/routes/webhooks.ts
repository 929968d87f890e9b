/**
 * Events out: Standard Webhooks endpoints (manage with CONFIG over everything or ADMINISTER; read with
 * AUDIT too), their deliveries and dead letters, and the MQTT publisher's status. Checked in the services.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { SIGNED_IN } from '../../access/route-access.ts';
import { mqttStatus, webhookCreateInput, webhookDeliveries, webhookEndpoint, webhookMessage, webhookPatchInput, webhookWithSecret } from '../../events/out/api-schema.ts';
import { requireEventsOutManage, requireEventsOutRead } from '../../events/out/events-out-access.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';

const tags = ['events out'];
const access = { access: SIGNED_IN };

export function webhookRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { webhooks } = services;
  // Before the body is validated: a caller without the right learns nothing about what the route expects.
  const reads = { config: access, preValidation: async (request: FastifyRequest) => requireEventsOutRead(services.authorization, principalOf(request)) };
  const manages = { config: access, preValidation: async (request: FastifyRequest) => requireEventsOutManage(services.authorization, principalOf(request)) };

  r.get(
    '/api/events/mqtt',
    { ...reads, schema: { tags, summary: 'the MQTT publisher: connected, last error, messages sent, and its configuration (no password); AUDIT or CONFIG over everything', response: { 200: mqttStatus } } },
    async (request) => services.mqtt.status(principalOf(request)),
  );
  r.get(
    '/api/webhooks',
    { ...reads, schema: { tags, summary: 'webhook endpoints, from the API and from YAML (never their secrets)', response: { 200: z.array(webhookEndpoint) } } },
    async (request) => webhooks.list(principalOf(request)),
  );
  r.post(
    '/api/webhooks',
    { ...manages, schema: { tags, summary: 'add an endpoint; the whsec_ signing secret is in this answer only', body: webhookCreateInput, response: { 201: webhookWithSecret } } },
    async (request, reply) => reply.status(201).send(await webhooks.create(principalOf(request), request.body)),
  );
  r.get(
    '/api/webhooks/dead-letters',
    { ...reads, schema: { tags, summary: 'messages whose every attempt failed, newest first', response: { 200: z.array(webhookMessage) } } },
    async (request) => webhooks.deadLetters(principalOf(request)),
  );
  r.post(
    '/api/webhooks/deliveries/:id/redeliver',
    { ...manages, schema: { tags, summary: 'send a message (a dead letter) again, from the first attempt of the schedule', params: idParams, response: { 200: webhookMessage } } },
    async (request) => webhooks.redeliver(principalOf(request), request.params.id),
  );
  r.get(
    '/api/webhooks/:id',
    { ...reads, schema: { tags, summary: 'one endpoint', params: idParams, response: { 200: webhookEndpoint } } },
    async (request) => webhooks.get(principalOf(request), request.params.id),
  );
  r.patch(
    '/api/webhooks/:id',
    { ...manages, schema: { tags, summary: 'change URL, description, event types, enabled', params: idParams, body: webhookPatchInput, response: { 200: webhookEndpoint } } },
    async (request) => webhooks.update(principalOf(request), request.params.id, request.body),
  );
  r.delete(
    '/api/webhooks/:id',
    { ...manages, schema: { tags, summary: 'remove an endpoint with its messages and attempts', params: idParams } },
    async (request, reply) => {
      await webhooks.remove(principalOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  r.post(
    '/api/webhooks/:id/rotate-secret',
    { ...manages, schema: { tags, summary: 'a new signing secret, shown this once; the old one stops at once', params: idParams, response: { 200: webhookWithSecret } } },
    async (request) => webhooks.rotateSecret(principalOf(request), request.params.id),
  );
  r.post(
    '/api/webhooks/:id/test',
    { ...manages, schema: { tags, summary: 'queue a webhook.test message to this endpoint', params: idParams, response: { 202: webhookMessage } } },
    async (request, reply) => reply.status(202).send(await webhooks.sendTest(principalOf(request), request.params.id)),
  );
  r.get(
    '/api/webhooks/:id/deliveries',
    { ...reads, schema: { tags, summary: 'the endpoint’s recent messages and every attempt (status code, error, duration)', params: idParams, response: { 200: webhookDeliveries } } },
    async (request) => webhooks.deliveries(principalOf(request), request.params.id),
  );
}
