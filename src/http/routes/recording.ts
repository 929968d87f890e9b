import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { listRecording } from '../../recording/segment-repository.ts';
import type { RecorderView } from '../../recorder/recorder-view.ts';
import type { Db } from '../../db/connect.ts';
import { instant } from '../../registry/model.ts';
import { idParams } from './crud.ts';
import { needs, SIGNED_IN } from '../../access/route-access.ts';
import { principalOf } from '../principal-of.ts';
import { untilClose } from '../open-streams.ts';
import { cameraFilterFor } from '../../recording/status-reach.ts';
import { cameraRecordingStatusSchema } from '../../recorder/camera-status-schema.ts';

const tags = ['recording'];

const recordingStatusView = z.object({ enabled: z.boolean(), cameras: z.array(cameraRecordingStatusSchema) });

export function recordingRoutes(app: FastifyInstance, deps: { db: Db; services: Services; recorder: RecorderView | undefined }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const visibleTo = (request: FastifyRequest) => cameraFilterFor(deps.db, deps.services.authorization, principalOf(request));
  r.get('/api/recording/status', { config: { access: SIGNED_IN }, schema: { tags, response: { 200: recordingStatusView } } }, async (request) => ({
    enabled: deps.recorder !== undefined,
    cameras: await (await visibleTo(request))(deps.recorder?.status() ?? []),
  }));

  // Server-sent events: the recording status of every camera, once a second, for the UI.
  app.get('/api/recording/events', { config: { access: SIGNED_IN }, schema: { tags, summary: 'recording status as server-sent events' } }, async (request, reply) => {
    const visible = await visibleTo(request);
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = () => void visible(deps.recorder?.status() ?? []).then((cameras) => !reply.raw.destroyed && reply.raw.write(`event: status\ndata: ${JSON.stringify(cameras)}\n\n`));
    send();
    const timer = setInterval(send, 1000);
    const forget = untilClose(app, () => reply.raw.end());
    request.raw.on('close', () => {
      clearInterval(timer);
      forget();
    });
    return reply;
  });

  r.get(
    '/api/cameras/:id/recordings',
    {
      // Segment metadata only (no bytes): playback rights on this camera, but no register entry.
      config: { access: needs('PLAYBACK') },
      schema: {
        tags,
        params: idParams,
        querystring: z.strictObject({ from: instant.optional(), to: instant.optional() }),
      },
    },
    async (request) => {
      await deps.services.cameras.get(request.params.id);
      await deps.services.authorization.requireCamera(principalOf(request), 'PLAYBACK', request.params.id);
      const range = {
        cameraId: request.params.id,
        ...(request.query.from ? { from: new Date(request.query.from).toISOString() } : {}),
        ...(request.query.to ? { to: new Date(request.query.to).toISOString() } : {}),
      };
      const { segments, gaps } = await listRecording(deps.db, range);
      return {
        status: deps.recorder?.statusOf(request.params.id) ?? null,
        segments: segments.map(({ path: _path, ...segment }) => segment),
        gaps,
      };
    },
  );
}
