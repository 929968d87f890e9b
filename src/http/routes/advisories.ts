/**
 * REG-12-2 over HTTP: advisory import (CSV or CSAF 2.0 JSON as the raw body), advisories with their
 * affected devices, remediation tasks. The import route lives in a plugin of its own so that its
 * string body parsers (which let the service refuse bad JSON with its own code) apply there only.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { ADVISORY_SEVERITIES, REMEDIATION_STATUSES, advisoryRecord, remediationTaskRecord, remediationTaskUpdateInput } from '../../advisories/model.ts';
import { DEVICE_KINDS } from '../../registry/enums.ts';
import { actorOf } from '../request-context.ts';
import { principalOf } from '../principal-of.ts';
import { historyResponse, idParams } from './crud.ts';
import { SIGNED_IN, needs } from '../../access/route-access.ts';

const tags = ['advisories'];
const IMPORT_MAX_BYTES = 4 * 1024 * 1024;
const IMPORT_TYPES = ['text/csv', 'application/json', 'application/csaf+json', 'text/plain'];
const localized = z.object({ zh: z.string(), en: z.string() });

const taskView = remediationTaskRecord.extend({ overdue: z.boolean() });
const importReport = z.object({
  advisories: z.array(
    z.object({
      advisoryId: z.string(),
      reference: z.string().nullable(),
      created: z.boolean(),
      affected: z.number(),
      tasksCreated: z.number(),
      undetermined: z.array(z.object({ kind: z.enum(DEVICE_KINDS), id: z.string(), reason: z.enum(['FIRMWARE_UNKNOWN', 'FIRMWARE_UNREADABLE']) })),
    }),
  ),
  tasks: z.array(remediationTaskRecord),
  warnings: z.array(z.object({ code: z.string(), message: localized, details: z.record(z.string(), z.unknown()).optional() })),
});
const advisoryDetail = advisoryRecord.extend({
  affected: z.array(
    z.object({
      taskId: z.string(),
      deviceKind: z.enum(DEVICE_KINDS),
      deviceId: z.string(),
      siteId: z.string(),
      name: z.string().nullable(),
      matchedVersion: z.string(),
      dueDate: z.string(),
      status: z.enum(REMEDIATION_STATUSES),
    }),
  ),
});
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

async function importRoute(app: FastifyInstance, options: { services: Services }): Promise<void> {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(IMPORT_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/advisories/import',
    {
      config: { access: needs('CONFIG') },
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags,
        description:
          'Import vulnerability advisories: CSV (text/csv; columns vendor, model, affected, severity, fixedVersion, reference) or a CSAF 2.0 document (application/json). ' +
          'Matches them to cameras and assets by manufacturer, model and firmware version and opens remediation tasks.',
        consumes: IMPORT_TYPES,
        body: z.string(),
        response: { 201: importReport },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await options.services.advisories.importDocument(request.body, request.headers['content-type'], actorOf(request))),
  );
}

export async function advisoryRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  const { advisories, remediation, history } = options.services;
  await app.register(importRoute, options);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/advisories',
    { config: { access: SIGNED_IN }, schema: { tags, querystring: z.strictObject({ severity: z.enum(ADVISORY_SEVERITIES).optional() }), response: { 200: z.array(advisoryRecord) } } },
    async (request) => advisories.list(request.query),
  );
  r.get('/api/advisories/:id', { config: { access: SIGNED_IN }, schema: { tags, params: idParams, response: { 200: advisoryDetail } } }, async (request) =>
    advisories.get(request.params.id, principalOf(request)),
  );
  r.get(
    '/api/remediation-tasks',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        querystring: z.strictObject({
          status: z.enum(REMEDIATION_STATUSES).optional(),
          advisoryId: z.string().optional(),
          siteId: z.string().optional(),
          deviceId: z.string().optional(),
          overdue: boolQuery.optional(),
        }),
        response: { 200: z.array(taskView) },
      },
    },
    async (request) => {
      const { overdue, ...columns } = request.query;
      const filter = Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as Record<string, string>;
      return remediation.list({ ...filter, ...(overdue === undefined ? {} : { overdue }) }, principalOf(request));
    },
  );
  r.get('/api/remediation-tasks/:id', { config: { access: SIGNED_IN }, schema: { tags, params: idParams, response: { 200: taskView } } }, async (request) =>
    remediation.get(request.params.id, principalOf(request)),
  );
  r.patch(
    '/api/remediation-tasks/:id',
    { config: { access: needs('CONFIG') }, schema: { tags, params: idParams, body: remediationTaskUpdateInput, response: { 200: taskView } } },
    async (request) => remediation.update(request.params.id, request.body, actorOf(request)),
  );
  r.get('/api/remediation-tasks/:id/history', { config: { access: SIGNED_IN }, schema: { tags, params: idParams, response: { 200: historyResponse } } }, async (request) => {
    await remediation.get(request.params.id, principalOf(request));
    return history.list({ entityType: 'remediationTask', entityId: request.params.id });
  });
}
