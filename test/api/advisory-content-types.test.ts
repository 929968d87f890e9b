import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../support/app.ts';

const CSV = 'vendor,model,affected,severity\nAcmeCam,X200,<5.7.3,critical\n';

describe('advisory import content types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp('sqlite');
  });
  afterAll(async () => {
    await t.close();
  });

  it('REG-12-2: reads CSV with a charset, sniffs text/plain, refuses other media types with a code', async () => {
    const withCharset = await t.call('POST', '/api/advisories/import', CSV, { 'content-type': 'text/csv; charset=utf-8' });
    expect(withCharset.statusCode, withCharset.body).toBe(201);
    const plain = await t.call('POST', '/api/advisories/import', CSV, { 'content-type': 'text/plain' });
    expect(plain.statusCode, plain.body).toBe(201);
    const badJson = await t.call('POST', '/api/advisories/import', 'vendor,model', { 'content-type': 'application/json; charset=utf-8' });
    expect(badJson.json().code).toBe('E_ADVISORY_JSON');
    const xml = await t.call('POST', '/api/advisories/import', '<advisory/>', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toMatch(/^E_[A-Z_]+$/);
    // The JSON parser is replaced only on the import route: elsewhere bodies are still JSON.
    expect((await t.call('POST', '/api/units', { name: '' })).statusCode).toBe(422);
  });
});
