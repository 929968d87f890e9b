/**
 * Issue 10, attack 5 (secrets within reach): the data folder, the database and its WAL are owner-only
 * whatever the umask; the media-token key and the TOTP encryption key live in owner-only files, never
 * in the database; a database dump yields neither a usable media-token key nor a TOTP secret.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTotpSecret } from '../../src/access/accounts/totp-cipher.ts';
import { signMediaToken, verifyMediaToken } from '../../src/access/video-access/media-token.ts';
import { createServices } from '../../src/app/services.ts';
import { loadConfig } from '../../src/config/load.ts';
import { connectDatabase, migrateTo, migrateToLatest } from '../../src/db/connect.ts';
import { permissionsWarning, secureDataFiles } from '../../src/security/data-permissions.ts';
import { secretKeyFile } from '../../src/security/secret-key-file.ts';
import { startServer } from '../../src/server.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';

const modeOf = (file: string): number => statSync(file).mode & 0o777;
const codeAt = (secret: string, at: Date) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

function serverConfig(dataDir: string, env: Record<string, string> = {}) {
  return loadConfig({ env: { CUSTOS_DATA_DIR: dataDir, CUSTOS_SERVER_PORT: '0', CUSTOS_DEMO_ENABLED: 'false', CUSTOS_RECORDING_ENABLED: 'false', ...env } });
}

const BIN = path.resolve(import.meta.dirname, '../../bin/custos.mjs');

/** The real CLI in a child process (which inherits this process's umask). */
function custos(args: string[], env: Record<string, string>): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, encoding: 'utf8', timeout: 60_000 }, (error, _stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr }),
    );
  });
}

describe('data folder and database files (custos serve, umask 022)', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'custos-perm-'));
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses world-readable custos.db, -wal and -shm (any local user reading the keys and hashes): a fresh start makes the folder 0700 and the files 0600', async () => {
    const dataDir = path.join(root, 'data');
    const server = await startServer(serverConfig(dataDir), { logger: false, printSetupLink: false });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      const db = path.join(dataDir, 'custos.db');
      for (const file of [db, `${db}-wal`, `${db}-shm`]) {
        expect(existsSync(file), file).toBe(true);
        expect(modeOf(file), file).toBe(0o600);
      }
      expect(modeOf(path.join(dataDir, 'keys'))).toBe(0o700);
      expect(modeOf(secretKeyFile(dataDir, 'totp'))).toBe(0o600);
      // The umask of the process is left as it was.
      expect(process.umask(0o022)).toBe(0o022);
    } finally {
      await server.close();
    }
  });

  it('refuses an existing install left open (0644 database in a 0755 folder): the next start tightens it and names what it fixed in one warning line', async () => {
    const dataDir = path.join(root, 'data');
    const first = await startServer(serverConfig(dataDir), { logger: false, printSetupLink: false });
    await first.close();
    const db = path.join(dataDir, 'custos.db');
    chmodSync(dataDir, 0o755);
    chmodSync(db, 0o644);
    const url = `sqlite:${db}`;
    const fixed = secureDataFiles(dataDir, url);
    expect(fixed).toEqual([path.resolve(dataDir), path.resolve(db)]);
    const warning = permissionsWarning(fixed) ?? '';
    expect(warning.split('\n')).toHaveLength(1);
    expect(warning).toContain(db);
    expect(permissionsWarning(secureDataFiles(dataDir, url))).toBeUndefined();

    chmodSync(dataDir, 0o755);
    chmodSync(db, 0o664);
    const second = await startServer(serverConfig(dataDir), { logger: false, printSetupLink: false });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(db)).toBe(0o600);
      expect(modeOf(`${db}-wal`)).toBe(0o600);
    } finally {
      await second.close();
    }
  });

  it('refuses the same on the CLI path (custos migrate): owner-only files, and an open install is tightened with one warning line on stderr', { timeout: 120_000 }, async () => {
    const dataDir = path.join(root, 'data');
    const env = { CUSTOS_DATA_DIR: dataDir };
    const first = await custos(['migrate'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    const db = path.join(dataDir, 'custos.db');
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(db)).toBe(0o600);
    chmodSync(dataDir, 0o755);
    chmodSync(db, 0o644);
    const second = await custos(['migrate'], env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr.trim().split('\n')).toEqual([expect.stringContaining(db)]);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(db)).toBe(0o600);
  });

  it('refuses to start when a database file cannot be checked or tightened (E_DATA_PERMISSIONS)', async () => {
    const dataDir = path.join(root, 'data');
    const notAFolder = path.join(root, 'plain-file');
    writeFileSync(notAFolder, '');
    await expect(startServer(serverConfig(dataDir, { CUSTOS_DB_URL: `sqlite:${notAFolder}/custos.db` }), { logger: false, printSetupLink: false })).rejects.toMatchObject({
      code: 'E_DATA_PERMISSIONS',
    });
  });
});

describe('the media-token key leaves the database (migration 0013)', () => {
  it('refuses a media token forged with the key read from the old server_secrets row (REG-16-4)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-mediakey-'));
    const handle = connectDatabase('sqlite::memory:');
    try {
      await migrateTo(handle, '0009_retention');
      const oldKey = randomBytes(32);
      await handle.db.insertInto('serverSecrets').values({ name: 'media-token-hmac', value: oldKey.toString('hex'), createdAt: '2025-01-01T00:00:00Z' }).execute();
      await migrateToLatest(handle);
      expect(await handle.db.selectFrom('serverSecrets').selectAll().execute()).toEqual([]);

      const clock = fixedClock('2025-06-01T02:00:00Z');
      const services = createServices(handle.db, clock, dataDir);
      const entryId = 'reg_none';
      const grant = { kind: 'PLAYBACK' as const, entryId, userId: 'usr_x', cameraIds: ['cam_x'], from: '2025-06-01T00:00:00Z', to: '2025-06-01T02:00:00Z' };
      const forged = signMediaToken(oldKey, { ...grant, issuedAt: '2025-06-01T02:00:00Z', expiresAt: '2025-06-01T02:10:00Z' });
      await expect(services.media.grantFor(forged, { kinds: ['PLAYBACK'] })).rejects.toMatchObject({ code: 'E_MEDIA_TOKEN', details: { reason: 'SIGNATURE' } });

      // The server now signs with the key in an owner-only file, which is not the old one.
      const { token } = await services.media.issue(grant);
      const keyFile = secretKeyFile(dataDir, 'media-token');
      expect(modeOf(keyFile)).toBe(0o600);
      const fileKey = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
      expect(fileKey.equals(oldKey)).toBe(false);
      expect(verifyMediaToken(fileKey, token, clock.now())).toMatchObject({ entryId });
      expect(() => verifyMediaToken(oldKey, token, clock.now())).toThrow(expect.objectContaining({ code: 'E_MEDIA_TOKEN' }));
    } finally {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(DIALECTS)('TOTP secrets at rest (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect);
  });
  afterEach(async () => t.close());

  async function enrol(): Promise<string> {
    const session = await t.signIn('tester', TEST_PASSWORD);
    const { secret } = (await t.call('POST', '/api/auth/totp/enroll', undefined, session.headers)).json<{ secret: string }>();
    expect((await t.call('POST', '/api/auth/totp/confirm', { code: codeAt(secret, t.clock.now()) }, session.headers)).statusCode).toBe(204);
    return secret;
  }

  const storedSecret = async (userId: string) =>
    (await t.db.db.selectFrom('users').select('totpSecret').where('id', '=', userId).executeTakeFirstOrThrow()).totpSecret ?? '';

  it('refuses to give a usable TOTP secret to a database dump (REG-15-1): the column is AES-GCM ciphertext that only the file key opens, bound to its user', async () => {
    const secret = await enrol();
    const stored = await storedSecret(t.admin.userId);
    expect(stored).not.toBe(secret);
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(() => openTotpSecret(randomBytes(32), t.admin.userId, stored)).toThrow(expect.objectContaining({ code: 'E_TOTP_SECRET_UNREADABLE' }));
    const fileKey = Buffer.from(readFileSync(secretKeyFile(t.dataDir, 'totp'), 'utf8').trim(), 'hex');
    expect(openTotpSecret(fileKey, t.admin.userId, stored)).toBe(secret);
    // Copied onto another account, the ciphertext does not open.
    expect(() => openTotpSecret(fileKey, 'usr_other', stored)).toThrow(expect.objectContaining({ code: 'E_TOTP_SECRET_UNREADABLE' }));
    expect(modeOf(secretKeyFile(t.dataDir, 'totp'))).toBe(0o600);
  });

  it('refuses to leave plain secrets of an older version in the database: the start encrypts them and sign-in still works', async () => {
    const secret = await enrol();
    await t.db.db.updateTable('users').set({ totpSecret: secret }).where('id', '=', t.admin.userId).execute();
    expect(await t.services.totp.sealPlainSecrets()).toBe(1);
    expect(await storedSecret(t.admin.userId)).toMatch(/^v1:/);
    expect(await t.services.totp.sealPlainSecrets()).toBe(0);
    t.clock.set('2025-06-01T02:05:00Z');
    expect((await t.signIn('tester', TEST_PASSWORD, codeAt(secret, t.clock.now()))).response.statusCode).toBe(200);
  });
});
