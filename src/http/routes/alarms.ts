/** Alarms (arts. 15, 23): list, read, acknowledge, and the snapshots kept with tamper alarms. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { SIGNED_IN, needs } from '../../access/route-access.ts';
import { acknowledgeInput, alarmQuery, alarmRecord, snapshotParams } from '../../events/api-schema.ts';
import { principalOf } from '../principal-of.ts';
import { untilClose } from '../open-streams.ts';
import { idParams } from './crud.ts';

const tags = ['alarms'];

export function alarmRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { alarms } = services;

  r.get(
    '/api/alarms',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'alarms within your reach, newest first: tamper and health of your cameras; system and security alarms with CONFIG or AUDIT over everything', querystring: alarmQuery, response: { 200: z.array(alarmRecord) } } },
    async (request) => alarms.list(principalOf(request), request.query),
  );
  // Server-sent events: alarms raised, ended and acknowledged within the caller's reach, as they happen,
  // on whichever API process of a cluster raised them (cluster/event-bridge.ts).
  app.get('/api/alarms/events', { config: { access: SIGNED_IN }, schema: { tags, summary: 'alarms raised, ended and acknowledged within your reach, as server-sent events (event: the type; data: the alarm)' } }, async (request, reply) => {
    const principal = principalOf(request);
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    reply.raw.write(': listening\n\n');
    const unsubscribe = services.bus.subscribe(
      async (event) => {
        if (event.type !== 'alarm.raised' && event.type !== 'alarm.ended' && event.type !== 'alarm.acknowledged') return;
        if (reply.raw.destroyed || !(await alarms.visibleTo(principal, event.alarm))) return;
        reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event.alarm)}\n\n`);
      },
      { everyProcess: true },
    );
    // A comment now and then keeps proxies and load balancers from closing a quiet stream.
    const keepAlive = setInterval(() => !reply.raw.destroyed && reply.raw.write(': keep-alive\n\n'), 25_000);
    const forget = untilClose(app, () => reply.raw.end());
    request.raw.on('close', () => {
      unsubscribe();
      clearInterval(keepAlive);
      forget();
    });
    return reply;
  });
  r.get(
    '/api/alarms/:id',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'one alarm: kind, severity, start, end, details, snapshots, acknowledgement', params: idParams, response: { 200: alarmRecord } } },
    async (request) => alarms.get(principalOf(request), request.params.id),
  );
  r.post(
    '/api/alarms/:id/acknowledge',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'acknowledge an alarm with a comment (who and when are recorded); LIVE, CONFIG or AUDIT on its camera', params: idParams, body: acknowledgeInput, response: { 200: alarmRecord } } },
    async (request) => alarms.acknowledge(principalOf(request), request.params.id, request.body.comment),
  );
  r.get(
    '/api/alarms/:id/snapshots/:which',
    { config: { access: needs('LIVE') }, schema: { tags, summary: 'the JPEG taken before or after a tamper alarm’s onset; LIVE on the camera, recorded in the access register (art. 16)', params: snapshotParams } },
    async (request, reply) => {
      const { jpeg, registerEntryId } = await alarms.snapshot(principalOf(request), request.params.id, request.params.which);
      return reply
        .header('content-type', 'image/jpeg')
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('x-register-entry', registerEntryId)
        .send(jpeg);
    },
  );
}
