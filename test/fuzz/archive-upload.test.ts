/**
 * Uploads are network input. Random metadata, ids and bodies against the archive API and its file
 * store: never a 5xx, never a file outside the archive folder, and never anything half-written
 * (a refused upload leaves no file and no row; an accepted one stores exactly the bytes sent).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArchiveFileStore } from '../../src/archive/local-file-store.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { docMeta, filesUnder, sha256, uploadDoc, uploadVersion } from '../support/archive.ts';
import { seedSite } from '../support/fixtures.ts';

const NASTY = ['../../../etc/passwd', '..', '.', '/', '\\..\\x', '%2e%2e%2f', '\u0000', 'a\nb', "'; drop table archive_documents; --", 'x'.repeat(300), '${7*7}', 'GB 50348-2018', '2025-02-29', ''];
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 20 }));
const body = fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.constant(new Uint8Array(0)), fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(s)));

/** Valid metadata with one value replaced, one key dropped, one unknown key added, or a repeated key. */
function mutatedMeta(valid: Record<string, string>) {
  const keys = Object.keys(valid);
  return fc.oneof(
    { arbitrary: fc.constant(valid), weight: 3 },
    fc.tuple(fc.constantFrom(...keys, 'standardCodes'), text).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
    fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), text).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.tuple(fc.constantFrom(...keys), text, text).map(([k, a, b]) => ({ ...valid, [k]: [a, b] })),
  );
}

/** Every stored file is `<siteId>/<docId>/v<n>` under the archive root, and nothing else is under the data folder. */
function expectOnlyArchiveFiles(dataDir: string): string[] {
  const files = filesUnder(dataDir);
  for (const f of files) expect(f).toMatch(/^archive\/site_[0-9a-z]+\/arc_[0-9a-z]+\/v[1-9][0-9]*$/);
  return files;
}

describe('archive uploads under random input', () => {
  let t: TestApp;
  let siteId: string;

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    siteId = (await seedSite(t)).site.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const rows = async () => (await t.call('GET', '/api/history?entityType=archiveDocument&limit=1000')).json<unknown[]>().length;

  it('POST /api/sites/:id/archive: never a 5xx; a refusal leaves no file and no row; a success stores exactly the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedMeta(docMeta({ type: 'DESIGN' })), body, async (meta, bytes) => {
        const [filesBefore, rowsBefore] = [expectOnlyArchiveFiles(t.dataDir), await rows()];
        const response = await uploadDoc(t, siteId, Buffer.from(bytes), meta);
        expect(response.statusCode, response.body).toBeLessThan(500);
        const filesAfter = expectOnlyArchiveFiles(t.dataDir);
        if (response.statusCode >= 400) {
          expect(response.json().code).toMatch(/^E_[A-Z0-9_]+$/);
          expect(filesAfter).toEqual(filesBefore);
          expect(await rows()).toBe(rowsBefore);
          return;
        }
        const doc = response.json<{ id: string; versions: { sha256: string; sizeBytes: number }[] }>();
        const file = path.join(t.dataDir, 'archive', siteId, doc.id, 'v1');
        expect(filesAfter).toEqual([...filesBefore, path.relative(t.dataDir, file)].sort());
        expect(readFileSync(file)).toEqual(Buffer.from(bytes));
        expect(doc.versions[0]).toMatchObject({ sha256: sha256(Buffer.from(bytes)), sizeBytes: bytes.length });
      }),
      { numRuns: 80 },
    );
  });

  it('POST /api/archive/:docId/versions: random metadata and bodies never disturb the versions already stored', async () => {
    const first = (await uploadDoc(t, siteId, 'base version', docMeta({ type: 'CHANGE' }))).json<{ id: string; versions: { sha256: string }[] }>();
    await fc.assert(
      fc.asyncProperty(mutatedMeta({ fileName: 'change.pdf', effectiveDate: '2025-05-30' }), body, async (meta, bytes) => {
        const before = (await t.call('GET', `/api/archive/${first.id}`)).json<{ versions: { sha256: string }[] }>();
        const response = await uploadVersion(t, first.id, Buffer.from(bytes), meta);
        expect(response.statusCode, response.body).toBeLessThan(500);
        const after = (await t.call('GET', `/api/archive/${first.id}`)).json<{ versions: { sha256: string }[] }>();
        expect(after.versions.slice(0, before.versions.length)).toEqual(before.versions);
        expect(after.versions.length).toBe(before.versions.length + (response.statusCode === 201 ? 1 : 0));
        expectOnlyArchiveFiles(t.dataDir);
      }),
      { numRuns: 40 },
    );
    expect(readFileSync(path.join(t.dataDir, 'archive', siteId, first.id, 'v1'), 'utf8')).toBe('base version');
  });

  it('crafted ids in the path are plain data: 404 or 422, never a file outside the archive', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('upload', 'version', 'download', 'delete', 'show'), async (raw, action) => {
        const id = raw === '' ? 'x' : raw;
        const enc = encodeURIComponent(id);
        const response =
          action === 'upload'
            ? await uploadDoc(t, id, 'bytes')
            : action === 'version'
              ? await uploadVersion(t, id, 'bytes', { fileName: 'f.pdf' })
              : action === 'download'
                ? await t.call('GET', `/api/archive/${enc}/versions/1/content?reason=x`)
                : await t.call(action === 'delete' ? 'DELETE' : 'GET', `/api/archive/${enc}`);
        expect(response.statusCode, response.body).toBeLessThan(500);
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expectOnlyArchiveFiles(t.dataDir);
      }),
      { numRuns: 80 },
    );
  });
});

describe('the local archive file store under random keys and bodies', () => {
  let dataDir: string;
  let store: LocalArchiveFileStore;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'custos-store-fuzz-'));
    store = new LocalArchiveFileStore(path.join(dataDir, 'data'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const safeId = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/);

  async function* chunks(parts: Uint8Array[], failAt?: number): AsyncGenerator<Uint8Array> {
    for (const [i, part] of parts.entries()) {
      if (i === failAt) throw new Error('connection reset');
      yield part;
    }
  }

  it('stores whole files inside the root, or refuses with a coded error and leaves nothing', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: safeId, weight: 3 }, text),
        fc.oneof({ arbitrary: safeId, weight: 3 }, text),
        fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3 }), weight: 4 }, fc.integer({ min: -2, max: 0 }), fc.constant(Number.NaN), fc.constant(1.5)),
        fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 256 }),
        fc.option(fc.nat({ max: 6 }), { nil: undefined }),
        async (siteId, documentId, version, parts, maxBytes, failAt) => {
          const key = { siteId: `${siteId}${n}`, documentId, version };
          n += 1;
          const before = filesUnder(dataDir);
          const total = parts.reduce((s, p) => s + p.length, 0);
          try {
            const stored = await store.put(key, chunks(parts, failAt), { maxBytes });
            const file = path.join(store.root, key.siteId, key.documentId, `v${key.version}`);
            expect(path.relative(store.root, file).startsWith('..')).toBe(false);
            expect(readFileSync(file)).toEqual(Buffer.concat(parts));
            expect(stored).toEqual({ sha256: sha256(Buffer.concat(parts)), sizeBytes: total });
            expect((await store.verify(key, stored.sha256)).valid).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            expect((error as DomainError).code).toMatch(/^E_(ARCHIVE_PATH_INVALID|ARCHIVE_TOO_LARGE|ARCHIVE_FILE_EMPTY|UPLOAD_INCOMPLETE|ARCHIVE_VERSION_EXISTS)$/);
            expect(filesUnder(dataDir)).toEqual(before);
          }
          for (const f of filesUnder(dataDir)) expect(f).toMatch(/^data\/archive\/[A-Za-z0-9][A-Za-z0-9_-]*\/[A-Za-z0-9][A-Za-z0-9_-]*\/v[1-9][0-9]*$/);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never replaces a stored version', async () => {
    const key = { siteId: 'site_a', documentId: 'arc_b', version: 1 };
    const first = await store.put(key, chunks([new TextEncoder().encode('original')]), { maxBytes: 100 });
    await expect(store.put(key, chunks([new TextEncoder().encode('replacement')]), { maxBytes: 100 })).rejects.toMatchObject({ code: 'E_ARCHIVE_VERSION_EXISTS' });
    expect((await store.verify(key, first.sha256)).valid).toBe(true);
    expect(filesUnder(path.join(store.root, 'site_a'))).toEqual(['arc_b/v1']);
  });
});
