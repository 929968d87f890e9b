/**
 * Builds what users run (`npm run build`: the compiled server and command line in dist/, the web UI in
 * web/dist) once, before the tests that start them run in parallel. Finds PostgreSQL for the
 * repository and API tests. In CI it must be there (a missing database fails the run); elsewhere its
 * absence is announced loudly and those tests are skipped.
 */
import pg from 'pg';
import mqtt from 'mqtt';
import type { TestProject } from 'vitest/node';
import { ensureBuilt } from './build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null;
    mqttUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  ensureBuilt();
  await findMqtt(project);
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
