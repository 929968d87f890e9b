/** The recorder processes (a cluster's, or this one process): state, heartbeat, and the cameras each holds within the caller's reach. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import type { Db } from '../../db/connect.ts';
import { SIGNED_IN } from '../../access/route-access.ts';
import type { RecorderNodesSource } from '../../cluster/recorder-nodes.ts';
import { cameraFilterFor } from '../../recording/status-reach.ts';
import { principalOf } from '../principal-of.ts';

const heldCamera = z.object({ cameraId: z.string(), leaseExpiresAt: z.string().nullable(), expired: z.boolean() });
const recorderNode = z.object({
  id: z.string(),
  host: z.string(),
  pid: z.number(),
  version: z.string(),
  state: z.enum(['alive', 'stopped', 'lost']),
  startedAt: z.string(),
  heartbeatAt: z.string(),
  stoppedAt: z.string().nullable(),
  cameras: z.array(heldCamera),
});
const recordersView = z.object({ mode: z.enum(['single', 'cluster']), nodes: z.array(recorderNode) });

export function clusterRoutes(app: FastifyInstance, deps: { db: Db; services: Services; recorders: RecorderNodesSource }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/cluster/recorders',
    { config: { access: SIGNED_IN }, schema: { tags: ['recording'], summary: 'the recorder processes and the cameras each holds (those within reach)', response: { 200: recordersView } } },
    async (request) => {
      const visible = await cameraFilterFor(deps.db, deps.services.authorization, principalOf(request));
      const nodes = await deps.recorders.nodes();
      return { mode: deps.recorders.mode, nodes: await Promise.all(nodes.map(async (node) => ({ ...node, cameras: await visible(node.cameras) }))) };
    },
  );
}
