/**
 * Inspection by the public security organ (art. 24, REG-24-1): inspector accounts (administration), and
 * the inspection package, generated in one request and downloaded again as JSON or PDF.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { ADMINISTRATION, SIGNED_IN } from '../../access/route-access.ts';
import { inspectorAccountInput, inspectorAccountView } from '../../inspection/inspector-model.ts';
import { renderPackagePdf } from '../../inspection/package-pdf.ts';
import { packageRequest } from '../../inspection/package-request.ts';
import { inspectionPackage } from '../../inspection/package-schema.ts';
import { principalOf } from '../principal-of.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const packageSummary = z.object({
  id: z.string(),
  unitId: z.string(),
  siteIds: z.array(z.string()),
  periodFrom: z.string(),
  periodTo: z.string(),
  generatedBy: z.string(),
  generatedAt: z.string(),
  sha256: z.string(),
});

export function inspectionRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { accounts, packages } = services.inspection;
  const tags = ['inspection'];

  r.post(
    '/api/inspector-accounts',
    {
      config: { access: ADMINISTRATION },
      schema: { tags, summary: 'open a read-only, time-boxed inspector account for a named officer; its INSPECTOR grants await a second administrator', body: inspectorAccountInput, response: { 201: inspectorAccountView } },
    },
    async (request, reply) => reply.status(201).send(await accounts.create(request.body, principalOf(request))),
  );
  r.get(
    '/api/inspector-accounts',
    { config: { access: ADMINISTRATION }, schema: { tags, summary: 'inspector accounts of the units one administers', response: { 200: z.array(inspectorAccountView) } } },
    async (request) => accounts.list(principalOf(request)),
  );

  r.post(
    '/api/inspection-packages',
    {
      // The one state-changing route an inspector may call besides sign-out: generating their package.
      config: { access: SIGNED_IN, inspectorMay: true },
      schema: { tags, summary: 'generate, store and return the inspection package of a site or unit for a period (REG-24-1)', body: packageRequest, response: { 201: inspectionPackage } },
    },
    async (request, reply) => reply.status(201).send(await packages.generate(request.body, principalOf(request))),
  );
  r.get(
    '/api/inspection-packages',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'the stored packages one may download', response: { 200: z.array(packageSummary) } } },
    async (request) => packages.list(principalOf(request)),
  );
  r.get(
    '/api/inspection-packages/:id.json',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'a stored package as JSON (docs/inspection.schema.json)', params: idParams, response: { 200: inspectionPackage } } },
    async (request, reply) => {
      const pkg = await packages.get(request.params.id, principalOf(request));
      return reply.header('content-disposition', `attachment; filename="inspection-${pkg.id}.json"`).send(pkg);
    },
  );
  r.get(
    '/api/inspection-packages/:id.pdf',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'a stored package as a bilingual A4 PDF, rendered from its JSON', params: idParams } },
    async (request, reply) => {
      const pkg = await packages.get(request.params.id, principalOf(request));
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="inspection-${pkg.id}.pdf"`).send(await renderPackagePdf(pkg));
    },
  );
}
