/**
 * Random and mutated bodies against the public intake (open to anyone): every one is answered with a
 * 201 or a 4xx carrying a stable code, never a 5xx; a refused body stores no report and no photo file.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportsDb } from '../../src/disclosure/public-reports/tables.ts';
import { mutatedBody } from '../support/fuzz.ts';
import { openReportsWorld, PNG, reportBody, type ReportsWorld } from './support.ts';

const NASTY = ["'; drop table public_reports; --", '../../../etc/passwd', '\u0000', '<script>alert(1)</script>', 'x'.repeat(5000), '%00', '{{7*7}}', 'AAAA', PNG.toString('base64')];
const anyValue = fc.oneof(fc.jsonValue(), fc.constantFrom(...NASTY), fc.constantFrom(null, -1, 0, 1e308, '', ' ', true, [], [{ contentBase64: 'not base64 at all' }], [{ contentBase64: '' }]));

describe('public report intake under random input', () => {
  let w: ReportsWorld;
  let address = 0;
  beforeAll(async () => {
    w = await openReportsWorld('sqlite');
  });
  afterAll(async () => {
    await w?.close();
  });

  const count = async () => Number((await reportsDb(w.t.db.db).selectFrom('publicReports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const files = () => {
    try {
      return readdirSync(path.join(w.t.dataDir, 'disclosure', 'public-reports'), { recursive: true }).length;
    } catch {
      return 0;
    }
  };

  it('POST /api/public/signs/:code/reports: never a 5xx; a refusal carries a code and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBody(reportBody(), anyValue), async (body) => {
        const [reports, stored] = [await count(), files()];
        const response = await w.report(w.A.code, body as Record<string, unknown>, `198.51.${Math.floor(address / 250)}.${(address++ % 250) + 1}`);
        expect(response.statusCode, response.body).toBeLessThan(500);
        if (response.statusCode === 201) return;
        expect(response.json<{ code: string }>().code).toMatch(/^E_[A-Z0-9_]+$/);
        expect(await count()).toBe(reports);
        expect(files()).toBe(stored);
      }),
      { numRuns: 150 },
    );
  });

  it('a body over the limit is refused before parsing (413), and so is one nested too deep', async () => {
    const huge = { ...reportBody(), description: 'x'.repeat(9 * 1024 * 1024) };
    expect((await w.report(w.A.code, huge)).statusCode).toBe(413);
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = [deep];
    expect((await w.report(w.A.code, { ...reportBody(), description: deep })).json()).toMatchObject({ code: 'E_BODY_TOO_DEEP' });
  });
});
