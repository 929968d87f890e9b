/**
 * Art. 21 viewing requests (查阅, never 调取): intake, the unit's consent decision with its scope,
 * the non-dissemination acknowledgement and the supervised view-only session (REG-21-1 … REG-21-6).
 * Intake and sessions are staff work at the counter (PLAYBACK); the decision needs APPROVE on the cameras.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { needs, SIGNED_IN } from '../../access/route-access.ts';
import { acknowledgeInput, addDocumentInput, decisionInput, intakeInput, sessionInput } from '../../disclosure/art21/model.ts';
import { ackTextRecord, acknowledgementRecord, art21Query, art21RequestRecord, openedSessionRecord, policyRecord, remindersRecord, sessionRecord, sessionView } from '../../disclosure/art21/api-schema.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';

const tags = ['art. 21 viewing requests'];
const PLAYBACK = needs('PLAYBACK');

export function art21Routes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { requests, sessions, policy } = services.art21;

  r.get('/api/art21-requests', { config: { access: SIGNED_IN }, schema: { tags, summary: 'art. 21 requests of the units you can see', querystring: art21Query, response: { 200: z.array(art21RequestRecord) } } }, async (request) =>
    requests.list(principalOf(request), request.query.status ? { status: request.query.status } : {}),
  );

  r.post(
    '/api/art21-requests',
    {
      config: { access: PLAYBACK },
      bodyLimit: 8 * 1024 * 1024,
      schema: { tags, summary: 'take in a request to view: identity, relationship (Civil Code art. 1045), purpose, incident, proof documents (base64)', body: intakeInput, response: { 201: art21RequestRecord } },
    },
    async (request, reply) => reply.status(201).send(await requests.intake(principalOf(request), request.body)),
  );

  r.get('/api/art21-requests/reminders', { config: { access: SIGNED_IN }, schema: { tags, summary: 'pending requests overdue or due soon (dashboard)', response: { 200: remindersRecord } } }, async (request) =>
    requests.reminders(principalOf(request)),
  );

  r.get('/api/art21-requests/policy', { config: { access: SIGNED_IN }, schema: { tags, summary: 'the configured window, answer deadline and session length', response: { 200: policyRecord } } }, async () => policy);

  r.get('/api/art21-requests/acknowledgement-text', { config: { access: SIGNED_IN }, schema: { tags, summary: 'the non-dissemination acknowledgement text (Chinese and English) and its SHA-256', response: { 200: ackTextRecord } } }, async () =>
    sessions.text(),
  );

  r.get('/api/art21-requests/:id', { config: { access: SIGNED_IN }, schema: { tags, summary: 'one request', params: idParams, response: { 200: art21RequestRecord } } }, async (request) =>
    requests.get(principalOf(request), request.params.id),
  );

  r.get(
    '/api/art21-requests/:id/documents/:documentId',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'a proof document as uploaded (x-sha256 header)', params: z.strictObject({ id: z.string().min(1).max(64), documentId: z.string().min(1).max(64) }) } },
    async (request, reply) => {
      const doc = await requests.document(principalOf(request), request.params.id, request.params.documentId);
      return reply
        .header('content-type', doc.mediaType)
        .header('x-sha256', doc.sha256)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(doc.bytes);
    },
  );

  r.post(
    '/api/art21-requests/:id/documents',
    {
      config: { access: PLAYBACK },
      bodyLimit: 1024 * 1024,
      schema: { tags, summary: 'add a proof document to a pending request (e.g. the ID shown at the counter for a request filed from the public page)', params: idParams, body: addDocumentInput, response: { 201: art21RequestRecord } },
    },
    async (request, reply) => reply.status(201).send(await requests.addDocument(principalOf(request), request.params.id, request.body)),
  );

  r.post(
    '/api/art21-requests/:id/decision',
    { config: { access: needs('APPROVE') }, schema: { tags, summary: 'the unit’s consent: APPROVED with a scope (cameras × windows) or REJECTED with a reason', params: idParams, body: decisionInput, response: { 200: art21RequestRecord } } },
    async (request) => requests.decide(principalOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/art21-requests/:id/acknowledgements',
    { config: { access: PLAYBACK }, schema: { tags, summary: 'record the requester’s non-dissemination acknowledgement (typed name, text hash)', params: idParams, body: acknowledgeInput, response: { 201: acknowledgementRecord } } },
    async (request, reply) => reply.status(201).send(await sessions.acknowledge(principalOf(request), request.params.id, request.body)),
  );

  r.get('/api/art21-requests/:id/sessions', { config: { access: SIGNED_IN }, schema: { tags, summary: 'the viewing sessions of a request', params: idParams, response: { 200: z.array(sessionRecord) } } }, async (request) =>
    sessions.list(principalOf(request), request.params.id),
  );

  r.post(
    '/api/art21-requests/:id/sessions',
    {
      config: { access: PLAYBACK, videoOperation: 'PLAYBACK' },
      schema: { tags, summary: 'open a supervised view-only session (one register entry; VIEW_ONLY media tokens)', params: idParams, body: sessionInput.optional(), response: { 201: openedSessionRecord } },
    },
    async (request, reply) => reply.status(201).send(await sessions.start(principalOf(request), request.params.id, request.body ?? {})),
  );

  r.get('/api/art21-sessions/:id', { config: { access: SIGNED_IN }, schema: { tags, summary: 'a viewing session', params: idParams, response: { 200: sessionView } } }, async (request) =>
    sessions.get(principalOf(request), request.params.id),
  );

  r.post('/api/art21-sessions/:id/end', { config: { access: PLAYBACK }, schema: { tags, summary: 'end a viewing session (CLOSE entry; its tokens stop working)', params: idParams, response: { 200: sessionView } } }, async (request) =>
    sessions.end(principalOf(request), request.params.id),
  );
}
