/**
 * Builds what users run (`npm run build`: the compiled server and command line in dist/, the web UI in
 * web/dist) once, before the tests that start them run in parallel. Finds PostgreSQL for the
 * repository and API tests. In CI it must be there (a missing database fails the run); elsewhere its
 * absence is announced loudly and those tests are skipped. The same for the S3 test server
 * (scripts/s3-test-server.mjs, TEST_S3_URL) of the segment store tests.
 */
import pg from 'pg';
import mqtt from 'mqtt';
import type { TestProject } from 'vitest/node';
import { ensureBuilt } from './build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null;
    mqttUrl: string | null;
    s3Url: string | null;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  ensureBuilt();
  await findMqtt(project);
  await findS3(project);
  const url = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    project.provide('pgUrl', url);
  } catch (error) {
    const message = `PostgreSQL is not reachable at ${url} (${(error as Error).message}).`;
    if (process.env.CI) throw new Error(`${message} CI runs every test on both databases.`);
    process.stderr.write(`\n!!! ${message}\n!!! The PostgreSQL half of the repository and API tests is SKIPPED. Set TEST_PG_URL or start PostgreSQL.\n\n`);
    project.provide('pgUrl', null);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The MQTT broker of the events-out tests (Mosquitto): required in CI like PostgreSQL, announced and skipped elsewhere. */
async function findMqtt(project: TestProject): Promise<void> {
  const url = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
  try {
    const client = await mqtt.connectAsync(url, { connectTimeout: 3000, reconnectPeriod: 0 });
    await client.endAsync();
    project.provide('mqttUrl', url);
  } catch (error) {
    const message = `No MQTT broker at ${url} (${(error as Error).message}).`;
    if (process.env.CI) throw new Error(`${message} CI runs the MQTT tests against Mosquitto.`);
    process.stderr.write(`\n!!! ${message}\n!!! The MQTT tests are SKIPPED. Set TEST_MQTT_URL or start Mosquitto.\n\n`);
    project.provide('mqttUrl', null);
  }
}

/** The S3 test server (s3rver, `node scripts/s3-test-server.mjs`): required in CI like PostgreSQL, announced and skipped elsewhere. */
async function findS3(project: TestProject): Promise<void> {
  const url = process.env.TEST_S3_URL ?? 'http://127.0.0.1:9090';
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await response.arrayBuffer();
    project.provide('s3Url', url);
  } catch (error) {
    const message = `No S3 test server at ${url} (${(error as Error).message}).`;
    if (process.env.CI) throw new Error(`${message} CI runs the segment store tests against s3rver (scripts/s3-test-server.mjs).`);
    process.stderr.write(`\n!!! ${message}\n!!! The S3 segment store tests are SKIPPED. Run \`node scripts/s3-test-server.mjs\` or set TEST_S3_URL.\n\n`);
    project.provide('s3Url', null);
  }
}
