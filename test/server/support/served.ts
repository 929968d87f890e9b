/**
 * One `custos serve` of the compiled command line, recording one simulated camera, on SQLite (a file in its
 * data folder) or on a fresh PostgreSQL database of its own; a first administrator exists. For the fault
 * tests: a database connection taken away under it, SIGTERM with clients connected.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connectDatabase, migrateToLatest } from '../../../src/db/connect.ts';
import type { DbDialect } from '../../../src/db/connect.ts';
import { ensureBuilt } from '../../support/build.ts';
import { freePort } from '../../cluster/support/cluster-harness.ts';
import { Fatal, runCustos, spawnCustos, waitFor, type Child } from '../../cluster/support/processes.ts';
import { seedCameras } from '../../cluster/support/seed.ts';

export const ADMIN = { username: 'operator', password: 'fault drill password 2026' };

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export class Served {
  server!: Child;
  cameraId = '';
  private simulator?: Child;

  private constructor(
    readonly dialect: DbDialect,
    readonly root: string,
    readonly logDir: string,
    readonly dbUrl: string,
    readonly pgUrl: string | undefined,
    readonly database: string | undefined,
    readonly url: string,
    readonly env: Record<string, string>,
  ) {}

  /** A database, the simulator with one camera seeded, an administrator, then `custos serve` answering. */
  static async start(dialect: DbDialect, pgUrl: string | null, name: string, extraEnv: Record<string, string> = {}): Promise<Served> {
    ensureBuilt();
    const root = mkdtempSync(path.join(tmpdir(), 'custos-fault-'));
    const logDir = path.resolve('test-artifacts/faults', `${name}-${dialect}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    mkdirSync(logDir, { recursive: true });
    const dataDir = path.join(root, 'data');
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    let database: string | undefined;
    let dbUrl = `sqlite:${path.join(dataDir, 'custos.db')}`;
    if (dialect === 'postgres') {
      if (!pgUrl) throw new Error('PostgreSQL is not available');
      database = `custos_fault_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create database ${database}`);
      await admin.end();
      dbUrl = withDatabase(pgUrl, database);
    }
    const port = await freePort();
    const env: Record<string, string> = {
      CUSTOS_DATA_DIR: dataDir,
      CUSTOS_DB_URL: dbUrl,
      CUSTOS_DEMO_ENABLED: 'false',
      CUSTOS_LOG_LEVEL: 'info',
      CUSTOS_SERVER_HOST: '127.0.0.1',
      CUSTOS_SERVER_PORT: String(port),
      CUSTOS_RECORDING_SEGMENT_SECONDS: '2',
      CUSTOS_RECORDING_ALLOWED_SOURCE_NETWORKS: '127.0.0.0/8',
      CUSTOS_SECURITY_IDENTITY_CHECK_MINUTES: '0',
      CUSTOS_SECURITY_VERIFY_EVERY_MINUTES: '0',
      CUSTOS_SECURITY_DEFAULT_CREDENTIAL_CHECK: 'false',
      NODE_NO_WARNINGS: '1',
      ...extraEnv,
    };
    const served = new Served(dialect, root, logDir, dbUrl, pgUrl ?? undefined, database, `http://127.0.0.1:${port}`, env);
    try {
      await served.boot();
      return served;
    } catch (error) {
      await served.close();
      throw error;
    }
  }

  private async boot(): Promise<void> {
    const simPort = await freePort();
    const sim = spawnCustos({ name: 'simulator', args: ['simulate', '--cameras', '1', '--port', String(simPort)], env: { NODE_NO_WARNINGS: '1' }, logDir: this.logDir });
    this.simulator = sim;
    const cameraUrl = await waitFor(
      'the simulator’s camera URL',
      () => {
        if (!sim.running()) throw new Fatal(`the simulator exited:\n${sim.output()}`);
        return sim.output().split('\n').find((l) => l.startsWith('rtsp://'))?.split('\t')[0];
      },
      30_000,
    );
    await this.mustRun('migrate', ['migrate']);
    const handle = connectDatabase(this.dbUrl);
    try {
      await migrateToLatest(handle);
      [this.cameraId] = (await seedCameras(handle.db, this.env.CUSTOS_DATA_DIR!, [cameraUrl])) as [string];
    } finally {
      await handle.close();
    }
    await this.mustRun('admin-create', ['admin', 'create', '--username', ADMIN.username, '--display-name', '值班管理员', '--password-stdin'], `${ADMIN.password}\n`);
    this.server = spawnCustos({ name: 'serve', args: ['serve'], env: this.env, logDir: this.logDir });
    await waitFor(
      'custos serve to answer /api/health/live',
      async () => {
        if (!this.server.running()) throw new Fatal(`custos serve exited:\n${this.server.output().slice(-4000)}`);
        return (await fetch(`${this.url}/api/health/live`)).ok;
      },
      60_000,
    );
  }

  /** Segments indexed so far (read through a connection of the test's own). */
  async segmentCount(): Promise<number> {
    const handle = connectDatabase(this.dbUrl);
    try {
      const row = await handle.db.selectFrom('segments').select((eb) => eb.fn.countAll<string>().as('n')).where('cameraId', '=', this.cameraId).executeTakeFirst();
      return Number(row?.n ?? 0);
    } finally {
      await handle.close();
    }
  }

  run(name: string, args: string[]): Promise<{ code: number | null; output: string }> {
    return runCustos({ name, args, env: this.env, logDir: this.logDir });
  }

  async mustRun(name: string, args: string[], stdin?: string): Promise<string> {
    const { code, output } = await runCustos({ name, args, env: this.env, logDir: this.logDir, ...(stdin === undefined ? {} : { stdin }) });
    if (code !== 0) throw new Error(`custos ${args.join(' ')} exited ${code}:\n${output}`);
    return output;
  }

  /** Ends every PostgreSQL backend of this server's database except the asking one; how many were ended. */
  async terminateBackends(): Promise<number> {
    const admin = new pg.Client({ connectionString: this.dbUrl });
    await admin.connect();
    try {
      const result = await admin.query<{ ended: boolean }>('select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      return result.rows.filter((r) => r.ended).length;
    } finally {
      await admin.end();
    }
  }

  /** The database refuses new connections and ends the open ones, for `awayMs`, then lets them in again. */
  async takeDatabaseAway(awayMs: number): Promise<void> {
    const admin = new pg.Client({ connectionString: this.pgUrl });
    await admin.connect();
    try {
      await admin.query(`alter database ${this.database} with allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [this.database]);
      await new Promise((resolve) => setTimeout(resolve, awayMs));
    } finally {
      await admin.query(`alter database ${this.database} with allow_connections true`);
      await admin.end();
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.server, this.simulator].filter((c): c is Child => c !== undefined).map((c) => c.stop(5_000)));
    if (this.database && this.pgUrl) {
      const admin = new pg.Client({ connectionString: this.pgUrl });
      try {
        await admin.connect();
        await admin.query(`drop database if exists ${this.database} with (force)`);
      } catch {
        // never made
      } finally {
        await admin.end().catch(() => undefined);
      }
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}
