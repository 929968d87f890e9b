/**
 * Routes for one kind of registry record: create, list, show, update, deactivate and history.
 * Routes stay thin: parsing and the response shape here, the logic in the service.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Filter } from '../../registry/repositories/record-repository.ts';
import type { Actor } from '../../registry/services/context.ts';
import type { HistoryService } from '../../registry/services/history.ts';
import { actorOf } from '../request-context.ts';
import { principalOf } from '../principal-of.ts';
import type { Principal } from '../../access/principal.ts';
import { needs, SIGNED_IN, type RouteAccess } from '../../access/route-access.ts';

interface CrudService<R> {
  create(input: unknown, actor: Actor): Promise<R>;
  get(id: string, viewer?: Principal): Promise<R>;
  list(filter?: Filter, viewer?: Principal): Promise<R[]>;
  update(id: string, patch: unknown, actor: Actor): Promise<R>;
  deactivate?(id: string, actor: Actor): Promise<R>;
}

export interface CrudOptions<R> {
  path: string;
  tag: string;
  entityType: string;
  service: CrudService<R>;
  history: HistoryService;
  createInput: z.ZodType;
  updateInput: z.ZodObject;
  response: z.ZodType;
  /** Query parameters that filter the list, each a record field. */
  listFilters?: Record<string, z.ZodType>;
  present?: (record: R) => unknown;
  /** Who may read (list, show, history); every signed-in user unless said otherwise. Writes need CONFIG. */
  readAccess?: RouteAccess;
  /** Who may create, update and deactivate; CONFIG unless said otherwise. */
  writeAccess?: RouteAccess;
}

export const idParams = z.strictObject({ id: z.string().min(1).max(64) });
export const historyResponse = z.array(
  z.object({
    seq: z.number(),
    entityType: z.string(),
    entityId: z.string(),
    action: z.string(),
    actor: z.string(),
    at: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  }),
);

export function registerCrud<R>(app: FastifyInstance, options: CrudOptions<R>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { path, tag, service } = options;
  const present = async (record: R) => (options.present ? options.present(record) : record);
  const tags = [tag];
  const read = { access: options.readAccess ?? SIGNED_IN };
  const write = { access: options.writeAccess ?? needs('CONFIG') };

  r.post(path, { config: write, schema: { tags, body: options.createInput, response: { 201: options.response } } }, async (request, reply) => {
    const record = await service.create(request.body, actorOf(request));
    return reply.status(201).send(await present(record));
  });

  const query = z.strictObject(Object.fromEntries(Object.entries(options.listFilters ?? {}).map(([k, v]) => [k, v.optional()])));
  r.get(path, { config: read, schema: { tags, querystring: query, response: { 200: z.array(options.response) } } }, async (request) => {
    const filter = Object.fromEntries(Object.entries(request.query as Record<string, unknown>).filter(([, v]) => v !== undefined)) as Filter;
    return Promise.all((await service.list(filter, principalOf(request))).map(present));
  });

  r.get(`${path}/:id`, { config: read, schema: { tags, params: idParams, response: { 200: options.response } } }, async (request) =>
    present(await service.get(request.params.id, principalOf(request))),
  );

  const patchBody = options.updateInput.extend({ changeReason: z.string().max(2000).optional() });
  r.patch(`${path}/:id`, { config: write, schema: { tags, params: idParams, body: patchBody, response: { 200: options.response } } }, async (request) =>
    present(await service.update(request.params.id, request.body, actorOf(request))),
  );

  const deactivate = service.deactivate?.bind(service);
  if (deactivate) {
    r.post(`${path}/:id/deactivate`, { config: write, schema: { tags, params: idParams, response: { 200: options.response } } }, async (request) =>
      present(await deactivate(request.params.id, actorOf(request))),
    );
  }

  r.get(`${path}/:id/history`, { config: read, schema: { tags, params: idParams, response: { 200: historyResponse } } }, async (request) => {
    await service.get(request.params.id, principalOf(request));
    return options.history.list({ entityType: options.entityType, entityId: request.params.id });
  });
}
