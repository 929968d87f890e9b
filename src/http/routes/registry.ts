import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { CAMERA_STATUSES, PLACE_CATEGORIES } from '../../registry/enums.ts';
import * as input from '../../registry/inputs.ts';
import {
  cameraRecord,
  commissionRecord,
  consentRecord,
  filingAuthorityRecord,
  signRecord,
  siteRecord,
  unitRecord,
  zoneRecord,
} from '../../registry/model.ts';
import { actorOf } from '../request-context.ts';
import { principalOf } from '../principal-of.ts';
import { idParams, registerCrud } from './crud.ts';
import { ADMINISTRATION, SIGNED_IN, needs } from '../../access/route-access.ts';

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const cameraView = cameraRecord.extend({ scope: z.enum(['PSVS', 'NON_PUBLIC']) });

export function registryRoutes(app: FastifyInstance, services: Services): void {
  const { history } = services;
  registerCrud(app, {
    path: '/api/units',
    tag: 'registry',
    entityType: 'unit',
    service: services.units,
    history,
    createInput: input.unitCreateInput,
    updateInput: input.unitUpdateInput,
    response: unitRecord,
    listFilters: { active: boolQuery },
    writeAccess: ADMINISTRATION,
  });
  registerCrud(app, {
    path: '/api/commissions',
    tag: 'registry',
    entityType: 'commission',
    service: services.commissions,
    history,
    createInput: input.commissionCreateInput,
    updateInput: input.commissionUpdateInput,
    response: commissionRecord,
    listFilters: { contractorUnitId: z.string(), principalUnitId: z.string() },
    // A contractor never extends its own commission.
    writeAccess: ADMINISTRATION,
  });
  registerCrud(app, {
    path: '/api/sites',
    tag: 'registry',
    entityType: 'site',
    service: services.sites,
    history,
    createInput: input.siteCreateInput,
    updateInput: input.siteUpdateInput,
    response: siteRecord,
    listFilters: { unitId: z.string(), placeCategory: z.enum(PLACE_CATEGORIES), active: boolQuery },
  });
  registerCrud(app, {
    path: '/api/zones',
    tag: 'registry',
    entityType: 'zone',
    service: services.zones,
    history,
    createInput: input.zoneCreateInput,
    updateInput: input.zoneUpdateInput,
    response: zoneRecord,
    listFilters: { siteId: z.string(), active: boolQuery },
  });
  registerCrud(app, {
    path: '/api/cameras',
    tag: 'registry',
    entityType: 'camera',
    service: services.cameras,
    history,
    createInput: input.cameraCreateInput,
    updateInput: input.cameraUpdateInput,
    response: cameraView,
    listFilters: { siteId: z.string(), status: z.enum(CAMERA_STATUSES) },
    present: (camera) => services.cameras.view(camera),
  });
  registerCrud(app, {
    path: '/api/signs',
    tag: 'registry',
    entityType: 'sign',
    service: services.signs,
    history,
    createInput: input.signCreateInput,
    updateInput: input.signUpdateInput,
    response: signRecord,
    listFilters: { siteId: z.string(), active: boolQuery },
  });
  registerCrud(app, {
    path: '/api/consents',
    tag: 'registry',
    entityType: 'consent',
    service: services.consents,
    history,
    createInput: input.consentCreateInput,
    updateInput: input.consentUpdateInput,
    response: consentRecord,
    listFilters: { siteId: z.string(), active: boolQuery },
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/cameras/:id/activate',
    { config: { access: needs('CONFIG') }, schema: { tags: ['registry'], params: idParams, body: input.cameraActivateInput.optional(), response: { 200: cameraView } } },
    async (request) => services.cameras.view(await services.cameras.activate(request.params.id, request.body ?? {}, actorOf(request))),
  );

  r.get(
    '/api/cameras/:id/placement-history',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['registry'],
        params: idParams,
        response: {
          200: z.array(
            z.object({
              version: z.number(),
              at: z.string(),
              actor: z.string(),
              reason: z.string().nullable(),
              placement: cameraRecord.pick({ position: true, mountHeightM: true, headingDeg: true, tiltDeg: true, hfovDeg: true, rangeM: true, ptz: true, masks: true }),
            }),
          ),
        },
      },
    },
    async (request) => services.cameras.placementHistory(request.params.id, principalOf(request)),
  );

  r.get('/api/filing-authorities', { config: { access: SIGNED_IN }, schema: { tags: ['filings'], response: { 200: z.array(filingAuthorityRecord) } } }, async () =>
    services.filingAuthorities.list(),
  );
  r.put(
    '/api/filing-authorities/:code',
    {
      config: { access: ADMINISTRATION },
      schema: {
        tags: ['filings'],
        params: z.strictObject({ code: z.string().max(12) }),
        body: filingAuthorityRecord.pick({ name: true }),
        response: { 200: filingAuthorityRecord },
      },
    },
    async (request) => services.filingAuthorities.put({ adminDivisionCode: request.params.code, name: request.body.name }, actorOf(request)),
  );

  r.get(
    '/api/history',
    {
      // Every change to every record, users and grants included: for auditors.
      config: { access: needs('AUDIT') },
      schema: {
        tags: ['registry'],
        querystring: z.strictObject({
          entityType: z.string().optional(),
          entityId: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
    },
    async (request) => history.list(request.query, principalOf(request)),
  );
}
