/** REG-02-2 and REG-12-1 over HTTP: related facilities, a system's whole inventory, conformance declarations. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { ASSET_TYPES, DEVICE_KINDS } from '../../registry/enums.ts';
import { assetRecord, conformanceDeclarationRecord } from '../../registry/device-model.ts';
import * as input from '../../registry/device-inputs.ts';
import { idParams, registerCrud } from './crud.ts';
import { principalOf } from '../principal-of.ts';
import { SIGNED_IN } from '../../access/route-access.ts';

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const nullableText = z.string().nullable();

export const inventoryItem = z.object({
  kind: z.enum(DEVICE_KINDS),
  id: z.string(),
  siteId: z.string(),
  type: z.enum(['CAMERA', ...ASSET_TYPES]),
  name: z.string(),
  locationNote: nullableText,
  holdsFootage: z.boolean(),
  manufacturer: nullableText,
  model: nullableText,
  serialNumber: nullableText,
  firmwareVersion: nullableText,
  hardwareVersion: nullableText,
  active: z.boolean(),
});

export function assetRoutes(app: FastifyInstance, services: Services): void {
  const { history } = services;
  registerCrud(app, {
    path: '/api/assets',
    tag: 'registry',
    entityType: 'asset',
    service: services.assets,
    history,
    createInput: input.assetCreateInput,
    updateInput: input.assetUpdateInput,
    response: assetRecord,
    listFilters: { siteId: z.string(), assetType: z.enum(ASSET_TYPES), active: boolQuery },
  });
  registerCrud(app, {
    path: '/api/conformance-declarations',
    tag: 'registry',
    entityType: 'conformanceDeclaration',
    service: services.conformance,
    history,
    createInput: input.conformanceCreateInput,
    updateInput: input.conformanceUpdateInput,
    response: conformanceDeclarationRecord,
    listFilters: { deviceKind: z.enum(DEVICE_KINDS), deviceId: z.string(), siteId: z.string(), active: boolQuery },
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/sites/:id/assets',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['registry'],
        description: 'REG-02-2: every device of the system, cameras (type CAMERA) and related facilities',
        params: idParams,
        querystring: z.strictObject({ includeInactive: boolQuery.optional() }),
        response: { 200: z.array(inventoryItem) },
      },
    },
    async (request) => services.assets.inventory(request.params.id, { includeInactive: request.query.includeInactive }, principalOf(request)),
  );
}
