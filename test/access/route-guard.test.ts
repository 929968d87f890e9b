/** The route guard: every /api/ route declares who may call it, and secrets never reach the log. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.ts';
import { loadConfig } from '../../src/config/load.ts';
import { connectDatabase, migrateToLatest } from '../../src/db/connect.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { openTestApp, TEST_PASSWORD } from '../support/app.ts';
import { unitBody } from '../support/fixtures.ts';

describe('the route guard', () => {
  it('refuses to register an /api/ route or /metrics without config.access (the app does not build)', async () => {
    const db = connectDatabase('sqlite::memory:');
    await migrateToLatest(db);
    try {
      const services = createServices(db.db, fixedClock('2025-06-01T00:00:00Z'), '.');
      const app = await buildApp({ config: loadConfig({ env: {} }), db, services, logger: false });
      app.get('/metrics-undeclared', async () => 'open'); // outside /api/: allowed
      expect(() => app.get('/api/also-undeclared', async () => 'x')).toThrow(/declares no config\.access/);
      expect(() => app.post('/metrics', async () => 'x')).toThrow(/declares no config\.access/);
      await app.close();
    } finally {
      await db.close();
    }
  });

  it('keeps passwords, cookies, CSRF and API tokens out of the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const t = await openTestApp('sqlite', { logger: { level: 'trace', stream } });
    try {
      await t.call('POST', '/api/auth/login', { username: 'tester', password: 'wrong but secret 123' }, { authorization: '' });
      const session = await t.signIn('tester', TEST_PASSWORD);
      expect(session.response.statusCode).toBe(200);
      await t.call('POST', '/api/units', unitBody(), session.headers);
      await t.call('POST', '/api/units', unitBody({ name: 'no csrf' }), { cookie: `custos_session=${session.cookie}` });
      await t.call('GET', '/api/units');
      const log = lines.join('');
      expect(log).toContain('incoming request');
      for (const secret of [TEST_PASSWORD, 'wrong but secret 123', session.cookie, session.csrfToken, t.admin.token]) expect(log).not.toContain(secret);
    } finally {
      await t.close();
    }
  });
});
