/** Roles, grants, persons, camera groups and duty shifts (REG-16-2, REG-16-3, REG-16-8). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { ADMINISTRATION, needs, SIGNED_IN } from '../../access/route-access.ts';
import { personCreateInput, personRecord, personUpdateInput } from '../../access/personnel/person-model.ts';
import { cameraGroupCreateInput, cameraGroupRecord, cameraGroupUpdateInput } from '../../access/duty/camera-group-model.ts';
import { dutyShiftCreateInput, dutyShiftRecord } from '../../access/duty/duty-shift-model.ts';
import { roleCopyInput, roleRecord, roleUpdateInput } from '../../access/roles/role-model.ts';
import { GRANT_STATUSES, grantDecisionInput, grantRecord, grantRequestInput, grantRevokeInput } from '../../access/grants/grant-model.ts';
import { id } from '../../registry/model.ts';
import { actorOf } from '../request-context.ts';
import { principalOf } from '../principal-of.ts';
import { historyResponse, idParams, registerCrud } from './crud.ts';

export function accessAdminRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const history = services.history;

  registerCrud(app, {
    path: '/api/persons',
    tag: 'access',
    entityType: 'person',
    service: services.persons,
    history,
    createInput: personCreateInput,
    updateInput: personUpdateInput,
    response: personRecord,
    listFilters: { unitId: id },
    // Personnel records are personal data: only administrators read them.
    readAccess: ADMINISTRATION,
    writeAccess: ADMINISTRATION,
  });
  registerCrud(app, {
    path: '/api/camera-groups',
    tag: 'access',
    entityType: 'cameraGroup',
    service: services.cameraGroups,
    history,
    createInput: cameraGroupCreateInput,
    updateInput: cameraGroupUpdateInput,
    response: cameraGroupRecord,
    listFilters: { unitId: id },
    writeAccess: ADMINISTRATION,
  });

  const shifts = { tags: ['access'] };
  r.post('/api/duty-shifts', { config: { access: ADMINISTRATION }, schema: { ...shifts, body: dutyShiftCreateInput, response: { 201: dutyShiftRecord } } }, async (request, reply) =>
    reply.status(201).send(await services.dutyShifts.create(request.body, actorOf(request))),
  );
  r.get('/api/duty-shifts', { config: { access: SIGNED_IN }, schema: { ...shifts, querystring: z.strictObject({ userId: id.optional() }), response: { 200: z.array(dutyShiftRecord) } } }, async (request) =>
    services.dutyShifts.list(request.query.userId ? { userId: request.query.userId } : {}, principalOf(request)),
  );

  const roles = { tags: ['access'] };
  r.get('/api/roles', { config: { access: SIGNED_IN }, schema: { ...roles, response: { 200: z.array(roleRecord) } } }, async () => services.roles.list());
  r.get('/api/roles/:id', { config: { access: SIGNED_IN }, schema: { ...roles, params: idParams, response: { 200: roleRecord } } }, async (request) =>
    services.roles.get(request.params.id),
  );
  r.post(
    '/api/roles/:id/copy',
    { config: { access: ADMINISTRATION }, schema: { ...roles, summary: "copy a role into a unit's own role", params: idParams, body: roleCopyInput, response: { 201: roleRecord } } },
    async (request, reply) => reply.status(201).send(await services.roles.create({ ...request.body, copyOf: request.params.id }, actorOf(request))),
  );
  r.patch(
    '/api/roles/:id',
    { config: { access: ADMINISTRATION }, schema: { ...roles, params: idParams, body: roleUpdateInput.extend({ changeReason: z.string().max(2000).optional() }), response: { 200: roleRecord } } },
    async (request) => services.roles.update(request.params.id, request.body, actorOf(request)),
  );
  r.post('/api/roles/:id/deactivate', { config: { access: ADMINISTRATION }, schema: { ...roles, params: idParams, response: { 200: roleRecord } } }, async (request) =>
    services.roles.deactivate(request.params.id, actorOf(request)),
  );
  r.get('/api/roles/:id/history', { config: { access: SIGNED_IN }, schema: { ...roles, params: idParams, response: { 200: historyResponse } } }, async (request) => {
    await services.roles.get(request.params.id);
    return history.list({ entityType: 'role', entityId: request.params.id });
  });

  const grants = { tags: ['access'] };
  r.post('/api/grants', { config: { access: ADMINISTRATION }, schema: { ...grants, summary: 'request a grant (approved by someone else)', body: grantRequestInput, response: { 201: grantRecord } } }, async (request, reply) =>
    reply.status(201).send(await services.grants.request(request.body, principalOf(request))),
  );
  r.get(
    '/api/grants',
    { config: { access: ADMINISTRATION }, schema: { ...grants, querystring: z.strictObject({ userId: id.optional(), status: z.enum(GRANT_STATUSES).optional() }), response: { 200: z.array(grantRecord) } } },
    async (request) =>
      services.grants.list({ ...(request.query.userId ? { userId: request.query.userId } : {}), ...(request.query.status ? { status: request.query.status } : {}) }, principalOf(request)),
  );
  r.get('/api/grants/:id', { config: { access: ADMINISTRATION }, schema: { ...grants, params: idParams, response: { 200: grantRecord } } }, async (request) =>
    services.grants.get(request.params.id, principalOf(request)),
  );
  r.post('/api/grants/:id/approve', { config: { access: needs('APPROVE') }, schema: { ...grants, params: idParams, body: grantDecisionInput.optional(), response: { 200: grantRecord } } }, async (request) =>
    services.grants.approve(request.params.id, request.body, principalOf(request)),
  );
  r.post('/api/grants/:id/reject', { config: { access: needs('APPROVE') }, schema: { ...grants, params: idParams, body: grantDecisionInput.optional(), response: { 200: grantRecord } } }, async (request) =>
    services.grants.reject(request.params.id, request.body, principalOf(request)),
  );
  r.post('/api/grants/:id/revoke', { config: { access: ADMINISTRATION }, schema: { ...grants, params: idParams, body: grantRevokeInput, response: { 200: grantRecord } } }, async (request) =>
    services.grants.revoke(request.params.id, request.body, principalOf(request)),
  );
}
