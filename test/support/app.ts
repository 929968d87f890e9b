import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import type { DbDialect, DbHandle } from '../../src/db/connect.ts';
import { createServices, type ServiceOptions, type Services } from '../../src/app/services.ts';
import { buildApp } from '../../src/http/app.ts';
import type { RecorderService } from '../../src/recorder/recorder-service.ts';
import { sourceAddressPolicy } from '../../src/registry/source-address-policy.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import type { StorageConfig } from '../../src/storage/config.ts';
import { createSegmentStores } from '../../src/storage/segment-stores.ts';
import { TOKEN_SCOPES, type TokenScope } from '../../src/access/actions.ts';
import type { Principal } from '../../src/access/principal.ts';
import { newId } from '../../src/shared/ids.ts';
import { openTestDb } from './db.ts';
import { ALL_PREREQUISITES } from './access.ts';

export interface TestApp {
  app: FastifyInstance;
  db: DbHandle;
  services: Services;
  clock: ReturnType<typeof fixedClock>;
  /** A data folder of this app's own (archive files), removed by close(). */
  dataDir: string;
  /** The first administrator ('tester', no unit, ADMINISTRATOR over ALL, a person record with every prerequisite: ALL_PREREQUISITES of access.ts). */
  admin: { userId: string; username: string; password: string; token: string; principal: Principal };
  /**
   * A request, as the tester's all-scopes API token by default. Headers given override it:
   * `{ authorization: '' }` sends none, `await t.signIn(...)` sends a session cookie with its CSRF token.
   */
  call(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Signs in through POST /api/auth/login; the headers carry the session cookie and the CSRF token. */
  signIn(username: string, password: string, totp?: string): Promise<SignedIn>;
  /** An API token for any user (default: every scope), as request headers. */
  tokenHeaders(userId: string, scopes?: TokenScope[]): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export interface SignedIn {
  headers: Record<string, string>;
  cookie: string;
  csrfToken: string;
  response: LightMyRequestResponse;
}

export const TEST_PASSWORD = 'correct horse battery staple 2025';

/**
 * Test tokens outlive any date a test moves its clock to (retention tests jump months ahead); the
 * 90-day maximum itself is tested in test/security/account-tokens.test.ts.
 */
async function outlastTestClock(db: DbHandle, tokenId: string): Promise<void> {
  await db.db.updateTable('apiTokens').set({ expiresAt: '2100-01-01T00:00:00.000Z' }).where('id', '=', tokenId).execute();
}

function principalFor(user: { id: string; username: string; displayName: string }): Principal {
  return { userId: user.id, username: user.username, displayName: user.displayName, unitId: null, unitName: '未指定单位', kind: 'STAFF', via: 'session', clientAddress: '127.0.0.1' };
}

/** The first administrator through the same setup code as the web and CLI, with a person record and an all-scopes token. */
async function firstAdministrator(services: Services, db: DbHandle, now: string): Promise<TestApp['admin']> {
  const user = await services.setup.createFirstAdministrator({ username: 'tester', displayName: '测试员', password: TEST_PASSWORD });
  const personId = newId('psn');
  await db.db
    .insertInto('persons')
    .values({
      id: personId,
      unitId: null,
      name: user.displayName,
      idDocument: null,
      position: '系统管理员',
      ...ALL_PREREQUISITES,
      confidentialityAgreementRef: null,
      contractorUndertakingAt: null,
      active: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await db.db.updateTable('users').set({ personId }).where('id', '=', user.id).execute();
  const principal = principalFor(user);
  const { id, token } = await services.apiTokens.create(principal, { name: 'tests', scopes: [...TOKEN_SCOPES] }, { name: user.username });
  await outlastTestClock(db, id);
  return { userId: user.id, username: user.username, password: TEST_PASSWORD, token, principal };
}

function sessionHeaders(response: LightMyRequestResponse): { cookie: string; csrfToken: string } {
  const cookie = response.cookies.find((c) => c.name === 'custos_session')?.value ?? '';
  const csrfToken = response.statusCode === 200 ? (response.json<{ csrfToken: string }>().csrfToken ?? '') : '';
  return { cookie, csrfToken };
}

export interface TestAppOptions {
  at?: string;
  env?: Record<string, string>;
  /** pino options (e.g. a stream to capture the log); none by default. */
  logger?: Record<string, unknown>;
  /** A recorder for GET /api/recording/*, made from the app's database (the test starts it; close() stops it). */
  recorder?: (db: DbHandle, dataDir: string) => RecorderService;
  /** What configuration would decide in the server (e.g. the vendor-default credential check). */
  services?: ServiceOptions;
  /** Where segment bytes are (config `storage`, e.g. a test bucket); the local segments folder when absent. */
  storage?: StorageConfig;
}

export async function openTestApp(dialect: DbDialect, options: TestAppOptions = {}): Promise<TestApp> {
  const db = await openTestDb(dialect);
  const clock = fixedClock(options.at ?? '2025-06-01T02:00:00Z');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-test-'));
  const config = loadConfig({ env: { CUSTOS_DATA_DIR: '.', ...options.env } });
  const services = createServices(db.db, clock, dataDir, undefined, {
    sourceAddresses: sourceAddressPolicy(config, () => [config.server.port]),
    ...(options.storage ? { segmentStores: await createSegmentStores(options.storage, dataDir) } : {}),
    ...options.services,
  });
  const recorder = options.recorder?.(db, dataDir);
  const app = await buildApp({ config, db, services, recorder, logger: options.logger ?? false });
  await app.ready();
  const admin = await firstAdministrator(services, db, clock.now().toISOString());
  const call: TestApp['call'] = (method, url, body, headers = {}) => {
    const all: Record<string, string> = { authorization: `Bearer ${admin.token}`, ...headers };
    if (all.authorization === '' || (headers.cookie && headers.authorization === undefined)) delete all.authorization;
    return app.inject({
      method: method as 'GET',
      url,
      headers: all,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
  };
  return {
    app,
    db,
    services,
    clock,
    dataDir,
    admin,
    call,
    async signIn(username, password, totp) {
      const response = await call('POST', '/api/auth/login', { username, password, ...(totp ? { totp } : {}) }, { authorization: '' });
      const { cookie, csrfToken } = sessionHeaders(response);
      return { headers: { cookie: `custos_session=${cookie}`, 'x-csrf-token': csrfToken }, cookie, csrfToken, response };
    },
    async tokenHeaders(userId, scopes = [...TOKEN_SCOPES]) {
      const user = await services.users.get(userId);
      const { id, token } = await services.apiTokens.create(principalFor(user), { name: 'test token', scopes }, { name: 'tester' });
      await outlastTestClock(db, id);
      return { authorization: `Bearer ${token}` };
    },
    async close() {
      await recorder?.stop();
      await app.close();
      services.segmentStores.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
