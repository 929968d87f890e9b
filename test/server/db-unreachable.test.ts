/**
 * `custos serve` (compiled command line) with a database it cannot reach: it exits non-zero with the
 * error's code and what to check, in Chinese and English, and no stack trace. PostgreSQL: nothing
 * listening at the port, a database that does not exist; SQLite: a file that is no database.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { custos } from '../support/cli.ts';
import { withDatabase } from './support/served.ts';

const pgUrl = inject('pgUrl');

function expectClearRefusal(result: { status: number | null; stdout: string; stderr: string }, place: string): void {
  expect(result.status, result.stderr).not.toBe(0);
  expect(result.status).not.toBeNull();
  const lines = result.stderr.trim().split('\n');
  expect(lines[0]).toBe('E_DATABASE_UNREACHABLE');
  expect(result.stderr).toContain(place);
  expect(result.stderr).toContain('请检查 db.url');
  expect(result.stderr).toContain('check db.url (CUSTOS_DB_URL)');
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(lines).toHaveLength(3);
  expect(result.stdout).not.toContain('listening');
}

describe('custos serve with a database it cannot reach', { timeout: 90_000 }, () => {
  const env = (dbUrl: string) => ({ CUSTOS_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'custos-unreachable-')), CUSTOS_DB_URL: dbUrl, CUSTOS_DEMO_ENABLED: 'false', CUSTOS_SERVER_PORT: '0', NODE_NO_WARNINGS: '1' });

  it('postgres: nothing listening at the address', async () => {
    const result = await custos(['serve'], env('postgres://postgres:secret@127.0.0.1:1/none'));
    expectClearRefusal(result, '127.0.0.1:1/none');
    expect(result.stderr).toContain('ECONNREFUSED');
    expect(result.stderr).not.toContain('secret');
  });

  it.skipIf(!pgUrl)('postgres: a database that does not exist', async () => {
    const result = await custos(['serve'], env(withDatabase(pgUrl!, 'custos_no_such_database')));
    expectClearRefusal(result, '/custos_no_such_database');
    expect(result.stderr).toContain('3D000');
  });

  it('sqlite: a file that is no database', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'custos-notadb-'));
    const file = path.join(dir, 'custos.db');
    writeFileSync(file, Buffer.alloc(4096, 7), { mode: 0o600 });
    const result = await custos(['serve'], { ...env(`sqlite:${file}`), CUSTOS_DATA_DIR: dir });
    expectClearRefusal(result, file);
    expect(result.stderr).toContain('SQLITE_NOTADB');
  });
});
