/**
 * The advisory upload (CSV or CSAF JSON) is network input. Random and mutated documents are either
 * read or refused with an InvalidError carrying a stable code; nothing else escapes, the HTTP answer
 * is never a 5xx, and a refused upload writes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchProducts } from '../../src/advisories/matching.ts';
import { parseAdvisoryUpload } from '../../src/advisories/upload.ts';
import { InvalidError } from '../../src/shared/errors.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';

const CODE = /^E_[A-Z0-9_]+$/;
const NASTY = ['"', '""', ',', '\r', '\n', '\u0000', '\uFEFF', '||', '<', '>=', 'vers:', 'vers:generic/', '*', '9'.repeat(400), '<script>', "'; drop table advisories; --", '__proto__', 'constructor'];

const VALID_CSV = 'vendor,model,affected,severity,fixedVersion,reference,cve\nAcmeCam,X200,<5.7.3,critical,5.7.3,ACME-1,CVE-2025-1\n"Acme, Inc.",X300,">=1.0 <2.0",high,,ACME-2,\n';
const VALID_CSAF = {
  document: { csaf_version: '2.0', title: 't', tracking: { id: 'ACME-SA-1' }, aggregate_severity: { text: 'Critical' } },
  product_tree: {
    branches: [
      {
        category: 'vendor',
        name: 'AcmeCam',
        branches: [{ category: 'product_name', name: 'X200', branches: [{ category: 'product_version_range', name: 'vers:generic/<5.7.3', product: { product_id: 'P1' } }] }],
      },
    ],
  },
  vulnerabilities: [{ cve: 'CVE-2025-1', product_status: { known_affected: ['P1'] }, scores: [{ products: ['P1'], cvss_v3: { baseScore: 9.8 } }] }],
};

const anyValue = fc.oneof(fc.jsonValue(), fc.constantFrom<unknown>(...NASTY, null, -1, 0, 1e308, true, [], {}));
const contentType = fc.constantFrom('text/csv', 'application/json', 'application/csaf+json', 'text/plain', undefined);

/** Every path to a value inside a JSON document. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function setAt(doc: unknown, path: (string | number)[], replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) delete node[last];
  else node[last] = replacement;
  return copy;
}

const mutatedCsaf = fc
  .tuple(fc.constantFrom(...paths(VALID_CSAF)), anyValue, fc.boolean())
  .map(([path, value, remove]) => JSON.stringify(setAt(VALID_CSAF, path, value, remove)));

const mutatedCsv = fc
  .tuple(fc.nat({ max: VALID_CSV.length }), fc.nat({ max: 8 }), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...NASTY)))
  .map(([at, cut, insert]) => VALID_CSV.slice(0, at) + insert + VALID_CSV.slice(at + cut));

const anyUpload = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  mutatedCsv,
  mutatedCsaf,
);

function readOrRefuse(text: string, type: string | undefined): void {
  try {
    const result = parseAdvisoryUpload(text, type);
    const devices = ['5.7.1', '', 'v', '5..7', '9'.repeat(50), 'V5.7.2 build 1', '\u0000'].map((firmwareVersion, i) => ({
      kind: 'camera' as const,
      id: `c${i}`,
      siteId: 's',
      name: 'n',
      manufacturer: 'AcmeCam',
      model: 'X200',
      firmwareVersion,
    }));
    for (const advisory of result.advisories) {
      expect(advisory.products.length).toBeGreaterThan(0);
      matchProducts(advisory.products, devices);
    }
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).code).toMatch(CODE);
    expect((error as InvalidError).localized.zh.length).toBeGreaterThan(0);
  }
}

describe('advisory upload parser under random input', () => {
  it('reads the valid documents it is mutated from', () => {
    expect(parseAdvisoryUpload(VALID_CSV, 'text/csv').advisories.map((a) => a.reference)).toEqual(['ACME-1', 'ACME-2']);
    expect(parseAdvisoryUpload(JSON.stringify(VALID_CSAF), 'application/json').advisories[0]!.products).toHaveLength(1);
  });

  it('random and mutated uploads are read or refused with a stable code, never anything else', () => {
    fc.assert(fc.property(anyUpload, contentType, (text, type) => readOrRefuse(text, type)), { numRuns: 3000 });
  });

  it('deep nesting and huge inputs are refused, not crashed on', () => {
    interface Branch {
      category: string;
      name: string;
      branches: Branch[];
    }
    const deep = (n: number): Branch => ({ category: 'vendor', name: 'v', branches: n === 0 ? [] : [deep(n - 1)] });
    const codeOf = (text: string, type: string) => {
      try {
        parseAdvisoryUpload(text, type);
        return 'READ';
      } catch (error) {
        return (error as InvalidError).code;
      }
    };
    expect(codeOf(JSON.stringify({ ...VALID_CSAF, product_tree: { branches: [deep(200)] } }), 'application/json')).toBe('E_CSAF_TOO_COMPLEX');
    expect(codeOf('['.repeat(100_000), 'application/json')).toBe('E_ADVISORY_JSON');
    expect(codeOf(`vendor,model,affected,severity\n${'A,B,<1,low\n'.repeat(6000)}`, 'text/csv')).toBe('E_ADVISORY_TOO_LARGE');
  });
});

describe('POST /api/advisories/import under random input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp('sqlite');
    const { unit, site } = await seedSite(t);
    await created(t, '/api/cameras', cameraBody(site.id, unit.id, { manufacturer: 'AcmeCam', model: 'X200', firmwareVersion: '5.7.1' }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('never answers 5xx; a refusal carries a code and writes nothing', async () => {
    const historySize = async () => (await t.call('GET', '/api/history?limit=1000')).json<unknown[]>().length;
    await fc.assert(
      fc.asyncProperty(anyUpload, fc.constantFrom('text/csv', 'application/json', 'text/plain'), async (text, type) => {
        const before = await historySize();
        const response = await t.call('POST', '/api/advisories/import', text, { 'content-type': type });
        expect(response.statusCode, response.body).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().code).toMatch(CODE);
          expect(await historySize()).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});
