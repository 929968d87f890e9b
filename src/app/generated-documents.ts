/**
 * Documents generated from the code and committed in the repository, so that reviewers and
 * integrators can read them without running anything. A test checks that they are current.
 */
import { z } from 'zod';
import { loadConfig } from '../config/load.ts';
import { connectDatabase } from '../db/connect.ts';
import { buildApp } from '../http/app.ts';
import { filingJsonSchemaText } from '../policy/cn-order-799/filing/index.ts';
import { registrySnapshot } from '../registry/snapshot.ts';
import { fixedClock } from '../shared/clock.ts';
import { createServices } from './services.ts';

export async function openApiDocument(): Promise<unknown> {
  const config = loadConfig({ env: {} });
  const db = connectDatabase('sqlite::memory:');
  try {
    const app = await buildApp({ config, db, services: createServices(db.db, fixedClock('2026-01-01T00:00:00Z'), config.dataDir), logger: false });
    await app.ready();
    const doc = app.swagger();
    await app.close();
    return doc;
  } finally {
    await db.close();
  }
}

export function registrySnapshotJsonSchema(): unknown {
  return {
    $id: 'urn:custos:schemas:registry-snapshot',
    title: 'Custos registry snapshot (input of `custos compliance check`)',
    ...z.toJSONSchema(registrySnapshot, { io: 'input' }),
  };
}

export async function generatedDocuments(): Promise<Record<string, string>> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    'docs/openapi.json': json(await openApiDocument()),
    'schemas/registry-snapshot.schema.json': json(registrySnapshotJsonSchema()),
    'schemas/filing.schema.json': filingJsonSchemaText(),
  };
}
