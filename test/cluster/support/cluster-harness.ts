/**
 * A Custos cluster of real processes on one machine (issue 16, README "Past one machine"): a fresh
 * PostgreSQL database, an S3 test server with a fresh bucket, the RTSP simulator with N cameras, one unit
 * with N active cameras, a first administrator, then `custos recorder` × R and `custos serve` × A, each
 * an OS process of the compiled command line with its own data folder (a copy of the first one's keys/
 * and ledger key, as an operator copies them to each machine) and its own node id and port.
 * Every child's output goes to test-artifacts/cluster/<run>/<name>.log; close() kills what is left by id
 * and drops the database. Used by test/cluster/multi-process.test.ts and bench/cluster.ts.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { connectDatabase, migrateToLatest, type DbHandle } from '../../../src/db/connect.ts';
import { clusterDb, type ClusterDb } from '../../../src/db/cluster-tables.ts';
import type { CameraRecordingStatus } from '../../../src/recorder/camera-status.ts';
import { KeyRing } from '../../../src/security/key-ring.ts';
import { ensureBuilt } from '../../support/build.ts';
import { Fatal, runCustos, spawnCustos, waitFor, type Child } from './processes.ts';
import { seedCameras } from './seed.ts';
import { startS3TestServer, type S3TestServer } from './s3-server.ts';

export const ADMIN = { username: 'operator', password: 'cluster watch password 2026' };

export interface ClusterOptions {
  /** The PostgreSQL server's URL (any database on it): a fresh database is created beside it. */
  pgUrl: string;
  /** An S3 test server already running (s3rver, MinIO); unset: one is started in this process. */
  s3Url?: string | undefined;
  cameras?: number;
  recorders?: number;
  apis?: number;
  segmentSeconds?: number;
  /** Where recorders keep segments: the S3 bucket (default) or each recorder's own data folder. */
  storage?: 'local' | 's3';
  /** Name of this run's log folder under test-artifacts/cluster/. */
  name?: string;
  /** More environment for every process. */
  env?: Record<string, string>;
}

export interface NodeProcess extends Child {
  nodeId: string;
  dataDir: string;
  role: 'recorder' | 'api';
  /** http://127.0.0.1:port for an API process. */
  url: string;
  env: Record<string, string>;
}

export interface StatusRow {
  cameraId: string;
  nodeId: string;
  status: CameraRecordingStatus;
  updatedAt: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** utime + stime of a process in seconds (Linux /proc), or null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, utime 14 and stime 15 (1-based, man 5 proc).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export class Cluster {
  readonly recorders: NodeProcess[] = [];
  readonly apis: NodeProcess[] = [];
  cameraIds: string[] = [];
  private simulator?: Child;
  private s3?: S3TestServer;
  private handle?: DbHandle;

  private constructor(
    readonly options: Required<Omit<ClusterOptions, 's3Url' | 'env' | 'name'>> & Pick<ClusterOptions, 's3Url' | 'env'>,
    readonly root: string,
    readonly logDir: string,
    readonly database: string,
    readonly dbUrl: string,
    readonly bucket: string,
  ) {}

  /** Starts everything; on a failure on the way, what was started is closed again before the error is thrown. */
  static async start(options: ClusterOptions): Promise<Cluster> {
    ensureBuilt();
    const run = `${options.name ?? 'run'}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const logDir = path.resolve('test-artifacts/cluster', run);
    mkdirSync(logDir, { recursive: true });
    const root = mkdtempSync(path.join(tmpdir(), 'custos-mp-'));
    const suffix = randomBytes(5).toString('hex');
    const database = `custos_mp_${suffix}`;
    const cluster = new Cluster(
      {
        pgUrl: options.pgUrl,
        s3Url: options.s3Url,
        cameras: options.cameras ?? 16,
        recorders: options.recorders ?? 2,
        apis: options.apis ?? 2,
        segmentSeconds: options.segmentSeconds ?? 2,
        storage: options.storage ?? 's3',
        env: options.env,
      },
      root,
      logDir,
      database,
      withDatabase(options.pgUrl, database),
      `custos-mp-${suffix}`,
    );
    try {
      await cluster.boot();
      return cluster;
    } catch (error) {
      await cluster.close();
      throw error;
    }
  }

  get db(): ClusterDb {
    if (!this.handle) throw new Error('the cluster has no database yet');
    return clusterDb(this.handle.db);
  }

  get primaryDataDir(): string {
    return path.join(this.root, 'primary');
  }

  get s3Endpoint(): string {
    return this.options.s3Url ?? this.s3?.url ?? '';
  }

  private s3Client(): S3Client {
    return new S3Client({ endpoint: this.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  }

  /** The keys of every object in the cluster's bucket. */
  async bucketKeys(): Promise<string[]> {
    const client = this.s3Client();
    const keys: string[] = [];
    try {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: this.bucket, ...(token ? { ContinuationToken: token } : {}) }));
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } finally {
      client.destroy();
    }
    return keys;
  }

  /** What every process of the cluster is configured with (a data folder and node id are added per process). */
  baseEnv(): Record<string, string> {
    const s3: Record<string, string> =
      this.options.storage === 's3'
        ? {
            CUSTOS_STORAGE_MODE: 's3',
            CUSTOS_S3_ENDPOINT: this.s3Endpoint,
            CUSTOS_S3_BUCKET: this.bucket,
            CUSTOS_S3_ACCESS_KEY_ID: 'S3RVER',
            CUSTOS_S3_SECRET_ACCESS_KEY: 'S3RVER',
            CUSTOS_S3_FORCE_PATH_STYLE: 'true',
            // s3rver has no object lock; `required` would refuse to start.
            CUSTOS_S3_OBJECT_LOCK: 'if-available',
          }
        : { CUSTOS_STORAGE_MODE: 'local' };
    return {
      CUSTOS_DB_URL: this.dbUrl,
      CUSTOS_CLUSTER_ENABLED: 'true',
      CUSTOS_DEMO_ENABLED: 'false',
      CUSTOS_LOG_LEVEL: 'info',
      CUSTOS_SERVER_HOST: '127.0.0.1',
      CUSTOS_RECORDING_SEGMENT_SECONDS: String(this.options.segmentSeconds),
      // The simulator listens on loopback: name it an allowed camera network (demo.enabled is off).
      CUSTOS_RECORDING_ALLOWED_SOURCE_NETWORKS: '127.0.0.0/8',
      // One shared anchor file, as on a shared mount: whichever API process signs checkpoints appends to it.
      CUSTOS_LEDGER_ANCHOR_FILE: path.join(this.root, 'anchor.jsonl'),
      CUSTOS_LEDGER_CHECKPOINT_SECONDS: '2',
      // Nothing in this test answers ONVIF or default credentials; the background verification runs at the end, by hand.
      CUSTOS_SECURITY_IDENTITY_CHECK_MINUTES: '0',
      CUSTOS_SECURITY_VERIFY_EVERY_MINUTES: '0',
      CUSTOS_SECURITY_DEFAULT_CREDENTIAL_CHECK: 'false',
      NODE_NO_WARNINGS: '1',
      ...s3,
      ...this.options.env,
    };
  }

  private async boot(): Promise<void> {
    const admin = new pg.Client({ connectionString: this.options.pgUrl });
    await admin.connect();
    try {
      await admin.query(`create database ${this.database}`);
    } finally {
      await admin.end();
    }
    if (this.options.storage === 's3') {
      if (!this.options.s3Url) this.s3 = await startS3TestServer(path.join(this.root, 's3'));
      const client = this.s3Client();
      await client.send(new CreateBucketCommand({ Bucket: this.bucket }));
      client.destroy();
    }
    const urls = await this.startSimulator();
    mkdirSync(this.primaryDataDir, { recursive: true, mode: 0o700 });
    const primaryEnv = { ...this.baseEnv(), CUSTOS_DATA_DIR: this.primaryDataDir, CUSTOS_CLUSTER_NODE_ID: 'setup' };
    await this.mustRun('migrate', ['migrate'], primaryEnv);
    this.handle = connectDatabase(this.dbUrl);
    await migrateToLatest(this.handle);
    this.cameraIds = await seedCameras(this.handle.db, this.primaryDataDir, urls);
    await this.mustRun('admin-create', ['admin', 'create', '--username', ADMIN.username, '--display-name', '集群管理员', '--password-stdin'], primaryEnv, `${ADMIN.password}\n`);
    // Every key the cluster shares is made once here, then copied to each node's data folder.
    const keys = new KeyRing(this.primaryDataDir);
    await Promise.all([keys.mediaTokenKey(), keys.totpKey(), keys.webhookKey(), keys.gb28181Key(), keys.clusterKey()]);
    await this.mustRun('ledger-checkpoint', ['ledger', 'checkpoint'], primaryEnv);
    for (let i = 1; i <= this.options.recorders; i++) await this.startNode('recorder', i);
    for (let i = 1; i <= this.options.apis; i++) await this.startNode('api', i);
    await Promise.all(this.apis.map((api) => this.waitForApi(api)));
  }

  private async startSimulator(): Promise<string[]> {
    const port = await freePort();
    const sim = spawnCustos({ name: 'simulator', args: ['simulate', '--cameras', String(this.options.cameras), '--port', String(port)], env: { NODE_NO_WARNINGS: '1' }, logDir: this.logDir });
    this.simulator = sim;
    const lines = await waitFor(
      `the simulator's ${this.options.cameras} camera URLs`,
      () => {
        if (!sim.running()) throw new Fatal(`the simulator exited:\n${sim.output()}`);
        const found = sim.output().split('\n').filter((l) => l.startsWith('rtsp://'));
        return found.length >= this.options.cameras ? found : undefined;
      },
      30_000,
    );
    return lines.map((l) => l.split('\t')[0]!);
  }

  private async mustRun(name: string, args: string[], env: Record<string, string>, stdin?: string): Promise<string> {
    const { code, output } = await runCustos({ name, args, env, logDir: this.logDir, ...(stdin === undefined ? {} : { stdin }) });
    if (code !== 0) throw new Error(`custos ${args.join(' ')} exited ${code}:\n${output}`);
    return output;
  }

  /** A node's data folder: the shared keys and the ledger signing key, copied from the first one. */
  private nodeDataDir(nodeId: string): string {
    const dir = path.join(this.root, nodeId);
    mkdirSync(path.join(dir, 'ledger'), { recursive: true, mode: 0o700 });
    cpSync(path.join(this.primaryDataDir, 'keys'), path.join(dir, 'keys'), { recursive: true });
    const ledgerKey = path.join(this.primaryDataDir, 'ledger', 'ledger-signing-key.pem');
    if (existsSync(ledgerKey)) cpSync(ledgerKey, path.join(dir, 'ledger', 'ledger-signing-key.pem'));
    return dir;
  }

  private async startNode(role: 'recorder' | 'api', n: number): Promise<NodeProcess> {
    const nodeId = `${role === 'recorder' ? 'rec' : 'api'}-${n}`;
    const dataDir = this.nodeDataDir(nodeId);
    const port = await freePort();
    const env = { ...this.baseEnv(), CUSTOS_DATA_DIR: dataDir, CUSTOS_CLUSTER_NODE_ID: nodeId, CUSTOS_SERVER_PORT: String(port), CUSTOS_CLUSTER_RECORDER_PORT: '0' };
    const child = spawnCustos({ name: nodeId, args: [role === 'recorder' ? 'recorder' : 'serve'], env, logDir: this.logDir });
    const node: NodeProcess = Object.assign(child, { nodeId, dataDir, role, url: `http://127.0.0.1:${port}`, env });
    (role === 'recorder' ? this.recorders : this.apis).push(node);
    return node;
  }

  private async waitForApi(api: NodeProcess): Promise<void> {
    await waitFor(
      `${api.nodeId} to answer /api/health/live`,
      async () => {
        if (!api.running()) throw new Fatal(`${api.nodeId} exited:\n${api.output().slice(-4000)}`);
        const response = await fetch(`${api.url}/api/health/live`);
        return response.ok;
      },
      60_000,
    );
  }

  /** Each camera's lease: holder and epoch. */
  async leases(): Promise<Map<string, { holder: string; epoch: number; expiresAt: string }>> {
    const rows = await this.db.selectFrom('cameraLeases').select(['cameraId', 'holder', 'epoch', 'expiresAt']).execute();
    return new Map(rows.map((r) => [r.cameraId, { holder: r.holder, epoch: Number(r.epoch), expiresAt: r.expiresAt }]));
  }

  /** The recording status each recorder reported, per camera. */
  async statuses(): Promise<Map<string, StatusRow>> {
    const rows = await this.db.selectFrom('recorderCameraStatus').selectAll().execute();
    return new Map(rows.map((r) => [r.cameraId, { cameraId: r.cameraId, nodeId: r.nodeId, status: JSON.parse(r.status) as CameraRecordingStatus, updatedAt: r.updatedAt }]));
  }

  async segments(): Promise<{ id: string; cameraId: string; seq: number; startAt: string; endAt: string; createdAt: string; path: string }[]> {
    return this.db.selectFrom('segments').select(['id', 'cameraId', 'seq', 'startAt', 'endAt', 'createdAt', 'path']).orderBy('cameraId').orderBy('seq').execute();
  }

  /** When each camera's newest segment was indexed (ms). */
  async lastIndexed(): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('segments').select(['cameraId']).select((eb) => eb.fn.max('createdAt').as('newest')).groupBy('cameraId').execute();
    return new Map(rows.map((r) => [r.cameraId, Date.parse(String(r.newest))]));
  }

  /** Bytes and number of the segments indexed so far. */
  async segmentTotals(): Promise<{ bytes: number; segments: number }> {
    const row = await this.db.selectFrom('segments').select((eb) => [eb.fn.sum<string>('bytes').as('bytes'), eb.fn.countAll<string>().as('segments')]).executeTakeFirst();
    return { bytes: Number(row?.bytes ?? 0), segments: Number(row?.segments ?? 0) };
  }

  async gaps(): Promise<{ cameraId: string; fromAt: string; toAt: string | null; reason: string; detail: string | null }[]> {
    return this.db.selectFrom('recordingGaps').select(['cameraId', 'fromAt', 'toAt', 'reason', 'detail']).orderBy('fromAt').execute();
  }

  /** A `custos` command against the cluster's database and bucket, with the first data folder (its keys and ledger key). */
  cli(name: string, args: string[]): Promise<{ code: number | null; output: string }> {
    return runCustos({ name, args, env: { ...this.baseEnv(), CUSTOS_DATA_DIR: this.primaryDataDir, CUSTOS_CLUSTER_NODE_ID: 'cli' }, logDir: this.logDir });
  }

  /** SIGTERM to every recorder and API process (SIGKILL after the grace time). */
  async stopNodes(): Promise<void> {
    await Promise.all([...this.recorders, ...this.apis].map((p) => p.stop(15_000)));
  }

  /** Also when a test failed: the processes are gone by now, so a plain drop succeeds; force only as the last resort. */
  private async dropDatabase(): Promise<void> {
    const admin = new pg.Client({ connectionString: this.options.pgUrl });
    try {
      await admin.connect();
      for (let attempt = 0; attempt < 10; attempt++) {
        try {
          await admin.query(`drop database if exists ${this.database}`);
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      await admin.query(`drop database if exists ${this.database} with (force)`);
    } catch {
      // the database may never have been made
    } finally {
      await admin.end().catch(() => undefined);
    }
  }

  /** Every process stopped (SIGTERM, then SIGKILL), the database dropped, the S3 test server closed, the temporary folder removed; logs stay. */
  async close(): Promise<void> {
    const children = [...this.recorders, ...this.apis, ...(this.simulator ? [this.simulator] : [])];
    await Promise.all(children.map((p) => p.stop(5_000)));
    await this.handle?.close().catch(() => undefined);
    await this.dropDatabase();
    await this.s3?.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}
