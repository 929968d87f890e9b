/**
 * Art. 24 ¶2 reports from the public: the intake and the status by reference number open to anyone
 * (rate-limited per address), and the unit's handling: read within reach over the report's site,
 * handled with ADMINISTER over it (the service checks the site; see handling-service.ts for why).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { ADMINISTRATION, PUBLIC, SIGNED_IN } from '../../access/route-access.ts';
import { intakeReceipt, policyRecord, publicReportRecord, reportStatusRecord } from '../../disclosure/public-reports/api-schema.ts';
import { codeParams, forwardInput, INTAKE_BODY_LIMIT, intakeInput, linkCameraInput, listQuery, referenceParams, resolveInput, STEP_BODY_LIMIT, stepInput } from '../../disclosure/public-reports/model.ts';
import { principalOf } from '../principal-of.ts';
import { PUBLIC_FORM_LIMIT, PUBLIC_READ_LIMIT } from '../public-rate-limit.ts';
import { idParams } from './crud.ts';

const publicTags = ['public page'];
const tags = ['public reports (art. 24)'];

export function publicReportRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { intake, handling, policy } = services.publicReports;

  r.post(
    '/api/public/signs/:code/reports',
    {
      config: { access: PUBLIC, rateLimit: PUBLIC_FORM_LIMIT },
      bodyLimit: INTAKE_BODY_LIMIT,
      schema: {
        tags: publicTags,
        summary: 'report a camera that should not be there (art. 24 ¶2): type, where, when, description, up to 3 photos (base64 JPEG/PNG/WebP), optional contact; answers the reference number',
        params: codeParams,
        body: intakeInput,
        response: { 201: intakeReceipt },
      },
    },
    async (request, reply) => reply.status(201).send(await intake.intake(request.params.code, request.body)),
  );

  r.get(
    '/api/public/reports/:reference',
    { config: { access: PUBLIC, rateLimit: PUBLIC_READ_LIMIT }, schema: { tags: publicTags, summary: "a report's status and dates, by its reference number (nothing else)", params: referenceParams, response: { 200: reportStatusRecord } } },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await intake.status(request.params.reference)),
  );

  r.get('/api/public-reports', { config: { access: SIGNED_IN }, schema: { tags, summary: 'public reports of the sites you can see', querystring: listQuery, response: { 200: z.array(publicReportRecord) } } }, async (request) =>
    handling.list(principalOf(request), request.query),
  );

  r.get('/api/public-reports/policy', { config: { access: SIGNED_IN }, schema: { tags, summary: 'the configured first-action time', response: { 200: policyRecord } } }, async () => policy);

  r.get('/api/public-reports/:id', { config: { access: SIGNED_IN }, schema: { tags, summary: 'one report with its steps (the contact only for handlers)', params: idParams, response: { 200: publicReportRecord } } }, async (request) =>
    handling.get(principalOf(request), request.params.id),
  );

  r.get(
    '/api/public-reports/:id/photos/:photoId',
    { config: { access: ADMINISTRATION }, schema: { tags, summary: "a report's photo (handlers only; x-sha256 header)", params: z.strictObject({ id: z.string().min(1).max(64), photoId: z.string().min(1).max(64) }) } },
    async (request, reply) => {
      const photo = await handling.photo(principalOf(request), request.params.id, request.params.photoId);
      return reply.header('content-type', photo.mediaType).header('x-sha256', photo.sha256).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(photo.bytes);
    },
  );

  r.post('/api/public-reports/:id/acknowledge', { config: { access: ADMINISTRATION }, schema: { tags, summary: 'the first action: the report is taken up', params: idParams, body: stepInput.optional(), response: { 200: publicReportRecord } } }, async (request) =>
    handling.acknowledge(principalOf(request), request.params.id, request.body ?? {}),
  );

  r.post('/api/public-reports/:id/investigate', { config: { access: ADMINISTRATION }, schema: { tags, summary: 'the place is being checked', params: idParams, body: stepInput.optional(), response: { 200: publicReportRecord } } }, async (request) =>
    handling.investigate(principalOf(request), request.params.id, request.body ?? {}),
  );

  r.post(
    '/api/public-reports/:id/resolve',
    { config: { access: ADMINISTRATION }, bodyLimit: STEP_BODY_LIMIT, schema: { tags, summary: 'resolved with an outcome, a note and an optional evidence photo (base64)', params: idParams, body: resolveInput, response: { 200: publicReportRecord } } },
    async (request) => handling.resolve(principalOf(request), request.params.id, request.body),
  );

  r.post('/api/public-reports/:id/camera', { config: { access: ADMINISTRATION }, schema: { tags, summary: 'link the camera of the site the report is about', params: idParams, body: linkCameraInput, response: { 200: publicReportRecord } } }, async (request) =>
    handling.linkCamera(principalOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/public-reports/:id/forward',
    { config: { access: ADMINISTRATION }, schema: { tags, summary: 'forward to the county public security organ (art. 24 ¶2): channel, organ; emits public-report.forwarded', params: idParams, body: forwardInput, response: { 200: publicReportRecord } } },
    async (request) => handling.forward(principalOf(request), request.params.id, request.body),
  );

  r.get('/api/public-reports/:id/forwarding-letter.pdf', { config: { access: ADMINISTRATION }, schema: { tags, summary: 'the bilingual forwarding letter for hand delivery (PDF)', params: idParams } }, async (request, reply) => {
    const { pdf, fileName } = await handling.letter(principalOf(request), request.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-store').send(pdf);
  });
}
