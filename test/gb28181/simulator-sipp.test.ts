/**
 * SIPp (Debian sip-tester) as a registrar nobody here wrote: it challenges the simulated device,
 * checks its Digest answer with its own verifyauth, and accepts the closing REGISTER (Expires: 0).
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGbSimDevice } from '../../src/gb28181/simulator/device.ts';

const DIR = path.resolve(import.meta.dirname, 'sipp');
const hasSipp = spawnSync('sipp', ['-v']).status !== null;

function runSipp(port: number): { exited: Promise<number | null>; output: () => string } {
  const child = spawn('sipp', ['-sf', 'registrar-uas.xml', '-inf', 'credentials.csv', '-i', '127.0.0.1', '-p', String(port), '-m', '1', '-t', 'u1', '-timeout', '20s', '-nostdin'], { cwd: DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { exited: new Promise((resolve) => child.on('close', resolve)), output: () => out };
}

const freePort = () => 20_000 + Math.floor(Math.random() * 20_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!hasSipp)('GB/T 28181 device simulator against SIPp as registrar', () => {
  it('registers with a Digest answer SIPp verifies, and unregisters; SIPp completes its call', async () => {
    const port = freePort();
    const sipp = runSipp(port);
    await sleep(500);
    const device = await startGbSimDevice({ platform: { id: '34020000002000000001', host: '127.0.0.1', port }, password: 'sipp-secret-42', localHost: '127.0.0.1', keepaliveSec: 60 });
    expect(device.status.registered).toBe(true);
    await device.close();
    expect(await sipp.exited, sipp.output().slice(-800)).toBe(0);
  }, 30_000);

  it('a wrong password gets SIPp 403, and the device says so', async () => {
    const port = freePort();
    const sipp = runSipp(port);
    await sleep(500);
    const device = await startGbSimDevice({ platform: { id: '34020000002000000001', host: '127.0.0.1', port }, password: 'not-it', localHost: '127.0.0.1', keepaliveSec: 60 });
    expect(device.status.registered).toBe(false);
    expect(device.status.lastError).toMatchObject({ code: 'E_SIP_AUTH' });
    expect(device.status.lastError?.message).toContain('403');
    await device.close();
    await sipp.exited;
  }, 30_000);
});
