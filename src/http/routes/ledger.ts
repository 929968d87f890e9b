/** The ledger (art. 15): its public key for anyone, checkpoints, inclusion and consistency proofs. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { needs, PUBLIC, SIGNED_IN } from '../../access/route-access.ts';
import { checkpointRecord, checkpointsQuery, consistencyAnswer, consistencyQuery, inclusionAnswer, inclusionQuery, publicKeyAnswer } from '../../ledger/api-schema.ts';

const tags = ['ledger'];

export function ledgerRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ledger } = services;

  r.get(
    '/api/ledger/public-key',
    { config: { access: PUBLIC }, schema: { tags, summary: 'the Ed25519 public key that signs ledger checkpoints and export manifests', response: { 200: publicKeyAnswer } } },
    async () => ledger.publicKey(),
  );

  r.get(
    '/api/ledger/checkpoints',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'signed checkpoints (tree size, root, time), newest first', querystring: checkpointsQuery, response: { 200: z.array(checkpointRecord) } } },
    async (request) => ledger.checkpoints(request.query.limit),
  );

  r.get(
    '/api/ledger/proofs/inclusion',
    { config: { access: needs('AUDIT') }, schema: { tags, summary: 'RFC 6962 inclusion proof of leaf N in the tree of size M', querystring: inclusionQuery, response: { 200: inclusionAnswer } } },
    async (request) => ledger.inclusion(request.query.leaf, request.query.size),
  );

  r.get(
    '/api/ledger/proofs/consistency',
    { config: { access: needs('AUDIT') }, schema: { tags, summary: 'RFC 6962 consistency proof between two tree sizes (e.g. two checkpoints)', querystring: consistencyQuery, response: { 200: consistencyAnswer } } },
    async (request) => ledger.consistency(request.query.first, request.query.second),
  );
}
