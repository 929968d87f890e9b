/** `custos simulate gb28181`: the real command line registers a device to the stand-in platform and unregisters on Ctrl-C. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { textOf } from '../../src/gb28181/ua/manscdp.ts';
import { itemsOf, PLATFORM_ID, StandInPlatform } from './support/stand-in-platform.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/custos.mjs');
let platform: StandInPlatform | undefined;

afterEach(async () => {
  await platform?.close();
  platform = undefined;
});

describe('custos simulate gb28181', () => {
  it('registers over TCP, answers the catalog, and unregisters on SIGINT', async () => {
    platform = await StandInPlatform.start('TCP', 'cli-secret');
    const child = spawn(process.execPath, [BIN, 'simulate', 'gb28181', '--platform', `sip:${PLATFORM_ID}@127.0.0.1:${platform.port}`, '--password', 'cli-secret', '--transport', 'tcp', '--channels', '3', '--local-host', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await platform.until(() => platform!.peers.get('34020000001180000001')?.registered === true, 15_000);
      const docs = await platform.query('34020000001180000001', 'Catalog');
      expect(textOf(docs[0]!.body, 'SumNum')).toBe('3');
      expect(docs.flatMap((d) => itemsOf(d, 'DeviceList'))).toHaveLength(3);
      expect(stdout.trim().split('\n')).toHaveLength(3);
      expect(stderr).toContain('registered');
      expect(stderr).not.toContain('cli-secret');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(platform.peer('34020000001180000001').unregistered).toBe(true);
  }, 30_000);
});
