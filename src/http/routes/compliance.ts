import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { instant } from '../../registry/model.ts';
import { SIGNED_IN } from '../../access/route-access.ts';
import { principalOf } from '../principal-of.ts';
import { complianceReportView, exposureReportView } from '../../compliance/views.ts';

/** `at` lets an auditor see the picture on any date; the default is now. */
const atQuery = z.strictObject({ at: instant.optional() });

export function complianceRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/compliance', { config: { access: SIGNED_IN }, schema: { tags: ['compliance'], querystring: atQuery, response: { 200: complianceReportView } } }, async (request) => ({
    ...(await services.compliance.report(request.query.at ? new Date(request.query.at) : undefined, principalOf(request))),
    // Retention and storage as of now (art. 17): overdue hold reviews, RETENTION_AT_RISK, suspended streams.
    retention: { findings: await services.retention.reach.findings(principalOf(request)) },
  }));
  r.get('/api/compliance/exposure', { config: { access: SIGNED_IN }, schema: { tags: ['compliance'], querystring: atQuery, response: { 200: exposureReportView } } }, async (request) =>
    services.compliance.exposure(request.query.at ? new Date(request.query.at) : undefined, principalOf(request)),
  );
}
