/**
 * The public art. 21 form under random input (arts. 13, 21): whatever anyone sends, never a 5xx, every
 * refusal carries a code, and nothing lands in the unit's workflow except a well-formed, eligible request.
 * Each body comes from its own address, so that the per-address limit does not hide what the route does.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutatedBody } from '../support/fuzz.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { publicIntakeBody, seedSignedSite, type SignedSite } from './public-support.ts';

const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom<unknown>(null, -1, '', ' ', true, 'x'.repeat(5000), "'; drop table art21_requests; --", '\u0000', '../../etc/passwd', { contentBase64: '////' }),
);

describe('POST /api/public/signs/:code/art21-requests under random input', () => {
  let t: TestApp;
  let s: SignedSite;
  let n = 0;
  const post = (url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' }, remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}` });
  const landed = async () => (await t.call('GET', '/api/art21-requests')).json<unknown[]>().length;

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    s = await seedSignedSite(t);
  });
  afterAll(async () => t.close());

  it('never answers 5xx; refusals carry a code and land nothing', async () => {
    const valid = publicIntakeBody({ document: { kind: 'IDENTITY', fileName: 'id.jpg', mediaType: 'image/jpeg', contentBase64: Buffer.from('jpeg').toString('base64') } });
    await fc.assert(
      fc.asyncProperty(mutatedBody(valid, anyValue), async (body) => {
        const before = await landed();
        const response = await post(`/api/public/signs/${s.code}/art21-requests`, body);
        expect(response.statusCode, response.body).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().code).toMatch(/^E_[A-Z0-9_]+$/);
          expect(await landed()).toBe(before);
        } else {
          expect(response.statusCode).toBe(201);
          expect(await landed()).toBe(before + 1);
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('random codes and references answer 404 or a validation refusal, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (raw) => {
        const code = encodeURIComponent(raw);
        for (const url of [`/api/public/signs/${code}`, `/api/public/art21-requests/${code}`]) {
          const response = await t.app.inject({ method: 'GET', url, remoteAddress: `10.200.${n & 255}.${n++ & 255}` });
          expect(response.statusCode, `${url} ${response.body}`).toBeLessThan(500);
          if (response.statusCode !== 200) expect(response.json().code).toMatch(/^E_[A-Z0-9_]+$/);
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
