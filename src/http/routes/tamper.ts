/** Tamper detection per camera (art. 23(2)): state and settings, sensitivity, re-learn with a reason, its history. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { SIGNED_IN, needs } from '../../access/route-access.ts';
import { relearnInput, tamperRelearnRecord, tamperSettingsInput, tamperView } from '../../analytics/tamper/api-schema.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';

const tags = ['tamper'];

export function tamperRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { tamper } = services;

  r.get(
    '/api/cameras/:id/tamper',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'the camera’s tamper detection: enabled, sensitivity, when its picture was learned, each tamper kind open or not', params: idParams, response: { 200: tamperView } } },
    async (request) => tamper.get(principalOf(request), request.params.id),
  );
  r.put(
    '/api/cameras/:id/tamper',
    { config: { access: needs('CONFIG') }, schema: { tags, summary: 'turn tamper detection on or off and set its sensitivity; CONFIG on the camera', params: idParams, body: tamperSettingsInput, response: { 200: tamperView } } },
    async (request) => tamper.update(principalOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/cameras/:id/tamper/relearn',
    { config: { access: needs('CONFIG') }, schema: { tags, summary: 'learn the camera’s picture afresh after an authorised move, with a reason (≥ 10 characters, kept in the history); open tamper alarms end', params: idParams, body: relearnInput, response: { 200: tamperView } } },
    async (request) => tamper.relearn(principalOf(request), request.params.id, request.body.reason),
  );
  r.get(
    '/api/cameras/:id/tamper/history',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'who had the camera’s picture re-learnt, when and why, newest first', params: idParams, response: { 200: z.array(tamperRelearnRecord) } } },
    async (request) => tamper.history(principalOf(request), request.params.id),
  );
}
