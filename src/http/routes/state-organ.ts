/**
 * Requests from state organs (art. 20): intake with the legal-basis document, four-eyes approval
 * (with a hold on the scope), emergency documents, amendments, closing, and the hand-over of the
 * scope's export bundle with its printable receipt and the officer's signature.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { needs, SIGNED_IN } from '../../access/route-access.ts';
import { documentParams, handoverParams, handoverRecord, requestListQuery, stateOrganRequestRecord, storedDocument } from '../../disclosure/state-organ/api-schema.ts';
import { handoverRangeInput } from '../../disclosure/state-organ/handover-service.ts';
import { amendmentInput, approveInput, closeInput, documentInput, handoverInput, MAX_SCAN_BYTES, requestInput, signatureInput } from '../../disclosure/state-organ/model.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';

const tags = ['state-organ requests'];
/** A scan of up to 10 MB as base64 in JSON, with room for the other fields. */
const SCAN_BODY_LIMIT = Math.ceil((MAX_SCAN_BYTES * 4) / 3) + 64 * 1024;
const base = '/api/state-organ-requests';

export function stateOrganRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { requests, handovers } = services.stateOrgan;

  r.post(
    base,
    {
      bodyLimit: SCAN_BODY_LIMIT,
      config: { access: needs('EXPORT') },
      schema: { tags, summary: 'record a state organ’s request (REG-20-1): organ, officers, purpose, case, legal-basis document with its scan, scope', body: requestInput, response: { 201: stateOrganRequestRecord } },
    },
    async (request, reply) => reply.status(201).send(await requests.create(principalOf(request), request.body)),
  );

  r.get(
    base,
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'the requests you entered and those within your reach (with EMERGENCY_DOCS_OVERDUE flagged)', querystring: requestListQuery, response: { 200: z.array(stateOrganRequestRecord) } } },
    async (request) => requests.list(principalOf(request), request.query.status ? { status: request.query.status } : {}),
  );

  r.get(`${base}/:id`, { config: { access: SIGNED_IN }, schema: { tags, summary: 'one request', params: idParams, response: { 200: stateOrganRequestRecord } } }, async (request) =>
    requests.get(principalOf(request), request.params.id),
  );

  r.post(
    `${base}/:id/approve`,
    { config: { access: needs('APPROVE') }, schema: { tags, summary: 'approve (never your own; APPROVE on every camera in scope); puts a hold on the scope (REG-20-5)', params: idParams, body: approveInput.optional(), response: { 200: stateOrganRequestRecord } } },
    async (request) => requests.approve(principalOf(request), request.params.id, request.body ?? {}),
  );

  r.post(
    `${base}/:id/reject`,
    { config: { access: needs('APPROVE') }, schema: { tags, summary: 'reject a request (never your own)', params: idParams, body: approveInput.optional(), response: { 200: stateOrganRequestRecord } } },
    async (request) => requests.reject(principalOf(request), request.params.id, request.body ?? {}),
  );

  r.post(
    `${base}/:id/documents`,
    { bodyLimit: SCAN_BODY_LIMIT, config: { access: needs('EXPORT') }, schema: { tags, summary: 'add a legal-basis document (an emergency request’s documents following, REG-20-4)', params: idParams, body: documentInput, response: { 201: storedDocument } } },
    async (request, reply) => reply.status(201).send(await requests.addDocument(principalOf(request), request.params.id, request.body)),
  );

  r.get(
    `${base}/:id/documents/:docId`,
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'the stored scan of a document (its SHA-256 in x-custos-sha256)', params: documentParams } },
    async (request, reply) => {
      const { document, stream } = await requests.documentFile(principalOf(request), request.params.id, request.params.docId);
      return reply.header('content-type', document.contentType).header('x-custos-sha256', document.sha256).header('cache-control', 'private, no-store').send(stream);
    },
  );

  r.post(
    `${base}/:id/amendments`,
    { bodyLimit: SCAN_BODY_LIMIT, config: { access: needs('APPROVE') }, schema: { tags, summary: 'widen the scope: only with a new document reference (REG-20-2)', params: idParams, body: amendmentInput, response: { 200: stateOrganRequestRecord } } },
    async (request) => requests.amend(principalOf(request), request.params.id, request.body),
  );

  r.post(
    `${base}/:id/close`,
    { config: { access: needs('APPROVE') }, schema: { tags, summary: 'close the request: its holds are released postCloseDays (default 30) later (REG-20-5)', params: idParams, body: closeInput.optional(), response: { 200: stateOrganRequestRecord } } },
    async (request) => requests.close(principalOf(request), request.params.id, request.body ?? {}),
  );

  r.post(
    `${base}/:id/handovers`,
    {
      config: { access: needs('EXPORT') },
      schema: {
        tags,
        summary: 'hand over the scope’s signed export bundle to the receiving officers (REG-20-3): register entry with the organ as unit and the officers as actor',
        params: idParams,
        body: handoverInput.extend({ part: handoverRangeInput.optional().describe('cameras and range within the scope; default: the cameras sharing the first scope range') }).optional(),
        response: { 201: handoverRecord },
      },
    },
    async (request, reply) => {
      const { part, ...body } = request.body ?? {};
      return reply.status(201).send(await handovers.handover(principalOf(request), request.params.id, body, part));
    },
  );

  r.get(`${base}/:id/handovers`, { config: { access: SIGNED_IN }, schema: { tags, summary: 'the hand-overs of a request', params: idParams, response: { 200: z.array(handoverRecord) } } }, async (request) =>
    handovers.list(principalOf(request), request.params.id),
  );

  r.get(
    `${base}/:id/handovers/:hid/receipt`,
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'the printable receipt (PDF, Chinese) with the bundle’s SHA-256 and its QR code, and the signature once recorded', params: handoverParams } },
    async (request, reply) => {
      const pdf = await handovers.receipt(principalOf(request), request.params.id, request.params.hid);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="receipt-${request.params.hid}.pdf"`).send(pdf);
    },
  );

  r.get(
    `${base}/:id/handovers/:hid/bundle`,
    { config: { access: needs('EXPORT') }, schema: { tags, summary: 'the handed-over bundle (application/x-tar), to copy onto the officers’ medium', params: handoverParams } },
    async (request, reply) => {
      const bundle = await handovers.bundleFile(principalOf(request), request.params.id, request.params.hid);
      return reply
        .header('content-type', 'application/x-tar')
        .header('content-length', String(bundle.bytes))
        .header('content-disposition', `attachment; filename="${bundle.fileName}"`)
        .header('x-custos-sha256', bundle.sha256)
        .header('cache-control', 'private, no-store')
        .send(createReadStream(bundle.file));
    },
  );

  r.post(
    `${base}/:id/handovers/:hid/signature`,
    { bodyLimit: SCAN_BODY_LIMIT, config: { access: needs('EXPORT') }, schema: { tags, summary: 'record the receiving officer’s signature: the signed receipt’s scan, or who signed and when', params: handoverParams, body: signatureInput, response: { 200: handoverRecord } } },
    async (request) => handovers.sign(principalOf(request), request.params.id, request.params.hid, request.body),
  );
}
