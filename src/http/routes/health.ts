import { accessSync, constants } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { pendingMigrations, type DbHandle } from '../../db/connect.ts';
import { VERSION } from '../../version.ts';
import { PUBLIC } from '../../access/route-access.ts';

export function healthRoutes(app: FastifyInstance, deps: { db: DbHandle; dataDir: string }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/health/live', { config: { access: PUBLIC }, schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));

  const check = z.object({ ok: z.boolean(), detail: z.string().optional() });
  const ready = z.object({ status: z.enum(['ready', 'not_ready']), checks: z.object({ database: check, migrations: check, dataDir: check }) });
  r.get('/api/health/ready', { config: { access: PUBLIC }, schema: { tags: ['health'], response: { 200: ready, 503: ready } } }, async (_request, reply) => {
    const checks = {
      database: await probe(async () => {
        await sql`select 1`.execute(deps.db.db);
      }),
      migrations: await probe(async () => {
        const pending = await pendingMigrations(deps.db);
        if (pending.length > 0) throw new Error(`pending: ${pending.join(', ')}`);
      }),
      dataDir: await probe(async () => accessSync(deps.dataDir, constants.W_OK)),
    };
    const ok = Object.values(checks).every((c) => c.ok);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', checks });
  });

  r.get(
    '/api/version',
    { config: { access: PUBLIC }, schema: { tags: ['health'], response: { 200: z.object({ name: z.string(), version: z.string(), node: z.string(), database: z.string() }) } } },
    async () => ({ name: 'custos', version: VERSION, node: process.version, database: deps.db.dialect }),
  );
}

async function probe(run: () => Promise<void>): Promise<{ ok: boolean; detail?: string }> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}
