#!/usr/bin/env node
// An S3-compatible server for the tests and CI (s3rver, a devDependency): 127.0.0.1, the port from the
// first argument or S3_TEST_PORT (default 9090), objects in a fresh temporary folder removed on exit.
// Prints one line when it listens. Credentials: S3RVER / S3RVER. It has no object lock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

const port = Number(process.argv[2] ?? process.env.S3_TEST_PORT ?? 9090);
const directory = mkdtempSync(path.join(tmpdir(), 'custos-s3-'));
const server = new S3rver({ address: '127.0.0.1', port, directory, silent: true, resetOnClose: true });
const address = await server.run();
process.stdout.write(`s3 test server listening on http://127.0.0.1:${address.port} (data ${directory})\n`);

const stop = async () => {
  await server.close().catch(() => undefined);
  rmSync(directory, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
