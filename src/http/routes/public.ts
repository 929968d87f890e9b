/**
 * The sign that talks back (arts. 13, 21, 24). Without sign-in, each rate-limited per address: the QR's
 * short URL /s/CODE (to the web page), the site's public facts, the art. 21 request form and the status
 * behind a reference number. For staff who may see the sign's site: its QR and the printable sign.
 * (The art. 24 report form, POST /api/public/signs/:code/reports, is registered by its own module.)
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import type { Config } from '../../config/schema.ts';
import { PUBLIC, SIGNED_IN } from '../../access/route-access.ts';
import { publicIntakeInput } from '../../disclosure/art21/public-intake.ts';
import { printQuery, publicSignInfo, signCodeParams } from '../../public/api-schema.ts';
import { signCodeUnknown } from '../../public/public-sign-service.ts';
import { publicBaseUrl, signUrl } from '../../public/public-url.ts';
import { SIGN_CODE_PATTERN } from '../../public/sign-codes.ts';
import { renderSignPdf } from '../../sign-pdf/render.ts';
import { qrPng, qrSvg } from '../../sign-pdf/qr.ts';
import { PUBLIC_FORM_LIMIT, PUBLIC_READ_LIMIT } from '../public-rate-limit.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';

const tags = ['public sign page'];
/** One optional proof document (≤ 512 KiB, base64) and the form's text: far below the staff intake's 8 MiB. */
export const PUBLIC_ART21_BODY_LIMIT = 768 * 1024;

const receipt = z.object({ reference: z.string(), status: z.string(), receivedAt: z.string(), dueAt: z.string(), proofAtCounter: z.boolean() });
const publicStatus = receipt.extend({ decidedAt: z.string().nullable(), answer: z.object({ zh: z.string(), en: z.string() }).nullable() });
const referenceParams = z.strictObject({ reference: z.string().min(1).max(32) });

export function publicRoutes(app: FastifyInstance, services: Services, config: Config): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { publicSigns } = services;
  const { publicIntake } = services.art21;

  r.get(
    '/s/:code',
    { config: { access: PUBLIC, rateLimit: PUBLIC_READ_LIMIT }, schema: { hide: true, params: z.strictObject({ code: z.string().max(32) }) } },
    async (request, reply) => {
      const code = request.params.code.trim().toUpperCase();
      if (!SIGN_CODE_PATTERN.test(code)) throw signCodeUnknown(code);
      return reply.header('cache-control', 'no-store').redirect(`/#/s/${code}`, 302);
    },
  );

  r.get(
    '/api/public/signs/:code',
    {
      config: { access: PUBLIC, rateLimit: PUBLIC_READ_LIMIT },
      schema: { tags, summary: 'what a person under the sign may learn: unit, purpose, retention, filing, ledger key and checkpoint (no personal data, no video)', params: signCodeParams, response: { 200: publicSignInfo } },
    },
    async (request) => publicSigns.info(request.params.code),
  );

  r.post(
    '/api/public/signs/:code/art21-requests',
    {
      config: { access: PUBLIC, rateLimit: PUBLIC_FORM_LIMIT },
      bodyLimit: PUBLIC_ART21_BODY_LIMIT,
      schema: {
        tags,
        summary: 'ask to view footage of oneself, a close relative or a person in one’s care (art. 21): lands PENDING_CONSENT in the unit’s workflow; answers a reference number',
        params: signCodeParams,
        body: publicIntakeInput,
        response: { 201: receipt },
      },
    },
    async (request, reply) => {
      const { sign, site, unit } = await publicSigns.subject(request.params.code);
      const answer = await publicIntake.intake({ unitId: unit.id, siteId: site.id, siteName: site.name, signLocation: sign.location }, request.body);
      return reply.status(201).header('cache-control', 'no-store').send(answer);
    },
  );

  r.get(
    '/api/public/art21-requests/:reference',
    {
      config: { access: PUBLIC, rateLimit: PUBLIC_READ_LIMIT },
      schema: { tags, summary: 'the status of a request by its reference number: status and dates, and the unit’s answer once decided (never personal data)', params: referenceParams, response: { 200: publicStatus } },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await publicIntake.status(request.params.reference)),
  );

  const urlFor = async (request: { protocol: string; host: string }, signId: string, principal: ReturnType<typeof principalOf>) => {
    const info = await publicSigns.forPrint(signId, principal);
    return { info, url: signUrl(publicBaseUrl(config.server.publicUrl, request), info.code) };
  };

  r.get(
    '/api/signs/:id/qr.svg',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'the sign’s QR (SVG): <public URL>/s/<CODE>, the code issued on first use; x-sign-url header', params: idParams } },
    async (request, reply) => {
      const { url } = await urlFor(request, request.params.id, principalOf(request));
      return reply.type('image/svg+xml').header('x-sign-url', url).header('cache-control', 'private, no-cache').send(await qrSvg(url));
    },
  );

  r.get(
    '/api/signs/:id/qr.png',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'the sign’s QR (PNG, 8 px per module); x-sign-url header', params: idParams } },
    async (request, reply) => {
      const { url } = await urlFor(request, request.params.id, principalOf(request));
      return reply.type('image/png').header('x-sign-url', url).header('cache-control', 'private, no-cache').send(await qrPng(url));
    },
  );

  r.get(
    '/api/signs/:id/print.pdf',
    {
      config: { access: SIGNED_IN },
      schema: { tags, summary: 'the printable bilingual sign (art. 13), A4 or A5: notice, unit, purpose, retention, filing number, QR and short URL', params: idParams, querystring: printQuery },
    },
    async (request, reply) => {
      const { info, url } = await urlFor(request, request.params.id, principalOf(request));
      const pdf = await renderSignPdf(info, url, request.query.size, services.publicSigns.now());
      return reply
        .type('application/pdf')
        .header('x-sign-url', url)
        .header('content-disposition', `attachment; filename="sign-${info.code}-${request.query.size}.pdf"`)
        .header('cache-control', 'private, no-cache')
        .send(pdf);
    },
  );
}
