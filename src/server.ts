/** `custos serve` / `npm start`: configuration, database with migrations, HTTP server. */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { databaseUrl, isLoopback } from './config/load.ts';
import type { Config } from './config/schema.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from './db/connect.ts';
import { createServices } from './app/services.ts';
import { buildApp } from './http/app.ts';
import { seedDemo } from './app/demo-seed.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import { RecorderService } from './recorder/recorder-service.ts';
import { startDemoCamera, type DemoCamera } from './app/demo-camera.ts';

export class UnsafeBindError extends Error {
  readonly code = 'E_UNSAFE_BIND';
}

export interface RunningServer {
  app: FastifyInstance;
  db: DbHandle;
  url: string;
  recorder: RecorderService | undefined;
  close(): Promise<void>;
}

export async function startServer(config: Config, options: { clock?: Clock; logger?: boolean } = {}): Promise<RunningServer> {
  if (!config.auth.apiToken && !isLoopback(config.server.host)) {
    throw new UnsafeBindError(
      `Refusing to listen on ${config.server.host} without an API token: set CUSTOS_API_TOKEN (or auth.apiToken) first.`,
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  const db = connectDatabase(databaseUrl(config));
  await migrateToLatest(db);
  const clock = options.clock ?? systemClock;
  const services = createServices(db.db, clock, config.dataDir);
  let demo: DemoCamera | undefined;
  if (config.demo.enabled) {
    demo = await startDemoCamera(config.demo.simulatorPort);
    await seedDemo(services, clock, demo.url);
  }
  const recorder = config.recording.enabled
    ? new RecorderService({
        db: db.db,
        dataDir: config.dataDir,
        clock,
        segmentMs: config.recording.segmentSeconds * 1000,
        transport: config.recording.transport,
        ffmpegPath: config.recording.ffmpegPath,
        workers: config.recording.workers === 'auto' ? availableParallelism() : config.recording.workers,
        databaseUrl: databaseUrl(config),
      })
    : undefined;
  const app = await buildApp({ config, db, services, recorder, logger: options.logger ?? true });
  const url = await app.listen({ host: config.server.host, port: config.server.port });
  if (recorder) {
    recorder.onLog(app.log);
    await recorder.start();
  }
  return {
    app,
    db,
    url,
    recorder,
    async close() {
      await recorder?.stop();
      await app.close();
      await demo?.close();
      await db.close();
    },
  };
}
