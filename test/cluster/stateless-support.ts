/**
 * Two API processes of one cluster, in one test process: two apps, each with its own connection pool,
 * cluster (leadership, shared throttle, bridged bus) and services, on one PostgreSQL schema and one data
 * folder (the keys every node of a cluster shares). The first administrator is made through node A.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { createServices, type Services } from '../../src/app/services.ts';
import { startApiCluster, type ApiCluster } from '../../src/cluster/api-cluster.ts';
import { loadConfig } from '../../src/config/load.ts';
import { connectDatabase, type DbHandle } from '../../src/db/connect.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { TOKEN_SCOPES } from '../../src/access/actions.ts';
import { openTestDb } from '../support/db.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { ALL_PREREQUISITES } from '../support/access.ts';
import { newId } from '../../src/shared/ids.ts';

export interface Node {
  name: string;
  app: FastifyInstance;
  db: DbHandle;
  services: Services;
  cluster: ApiCluster;
  /** As the administrator's API token unless headers say otherwise (`{ authorization: '' }`: none). */
  call: (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface Pair {
  a: Node;
  b: Node;
  url: string;
  schema: string;
  dataDir: string;
  clock: ReturnType<typeof fixedClock>;
  admin: { userId: string; username: string; password: string; token: string };
  /** Signs in on a node; the headers carry its session cookie and CSRF token. */
  signIn(node: Node, username: string, password: string, totp?: string): Promise<{ headers: Record<string, string>; response: LightMyRequestResponse }>;
  close(): Promise<void>;
}

export const pgUrl = (): string | null => inject('pgUrl');

export async function openPair(at = '2025-06-01T02:00:00Z'): Promise<Pair> {
  const url = pgUrl();
  if (!url) throw new Error('PostgreSQL is not available');
  const first = await openTestDb('postgres');
  const schema = first.schema ?? '';
  const clock = fixedClock(at);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-cluster-'));
  let token = '';
  const node = async (name: string, db: DbHandle): Promise<Node> => {
    const config = loadConfig({ env: { CUSTOS_DATA_DIR: '.', CUSTOS_CLUSTER_ENABLED: 'true', CUSTOS_CLUSTER_NODE_ID: name } });
    const cluster = await startApiCluster(config.cluster, db, url, { retryMs: 300 });
    const services = createServices(db.db, clock, dataDir, undefined, { throttle: cluster.throttle, bus: cluster.bus });
    const app = await buildApp({ config, db, services, logger: false });
    await app.ready();
    return {
      name,
      app,
      db,
      services,
      cluster,
      call(method, target, body, headers = {}) {
        const all: Record<string, string> = { authorization: `Bearer ${token}`, ...headers };
        if (all.authorization === '' || (headers.cookie && headers.authorization === undefined)) delete all.authorization;
        return app.inject({ method: method as 'GET', url: target, headers: all, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
      },
      async close() {
        await app.close();
        await cluster.stop();
      },
    };
  };
  const a = await node('node-a', first);
  const second = connectDatabase(url, { schema });
  const b = await node('node-b', second);
  const user = await a.services.setup.createFirstAdministrator({ username: 'tester', displayName: '测试员', password: TEST_PASSWORD });
  // A person record with every prerequisite (training current at the test clock), as test/support/app.ts makes.
  const personId = newId('psn');
  const now = clock.now().toISOString();
  await first.db
    .insertInto('persons')
    .values({ id: personId, unitId: null, name: user.displayName, idDocument: null, position: '系统管理员', ...ALL_PREREQUISITES, jobTrainingAt: '2025-01-01', confidentialityAgreementRef: null, contractorUndertakingAt: null, active: 1, createdAt: now, updatedAt: now })
    .execute();
  await first.db.updateTable('users').set({ personId }).where('id', '=', user.id).execute();
  const principal = { userId: user.id, username: user.username, displayName: user.displayName, unitId: null, unitName: '未指定单位', kind: 'STAFF' as const, via: 'session' as const, clientAddress: '127.0.0.1' };
  const created = await a.services.apiTokens.create(principal, { name: 'tests', scopes: [...TOKEN_SCOPES] }, { name: user.username });
  token = created.token;
  await first.db.updateTable('apiTokens').set({ expiresAt: '2100-01-01T00:00:00.000Z' }).where('id', '=', created.id).execute();
  return {
    a,
    b,
    url,
    schema,
    dataDir,
    clock,
    admin: { userId: user.id, username: user.username, password: TEST_PASSWORD, token },
    async signIn(on, username, password, totp) {
      const response = await on.call('POST', '/api/auth/login', { username, password, ...(totp ? { totp } : {}) }, { authorization: '' });
      const cookie = response.cookies.find((c) => c.name === 'custos_session')?.value ?? '';
      const csrfToken = response.statusCode === 200 ? response.json<{ csrfToken: string }>().csrfToken : '';
      return { headers: { cookie: `custos_session=${cookie}`, 'x-csrf-token': csrfToken }, response };
    },
    async close() {
      await b.close();
      await second.close();
      await a.close();
      await first.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
