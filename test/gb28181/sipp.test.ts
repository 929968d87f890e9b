/**
 * SIPp as a foreign peer: a GB/T 28181 device scenario no one here wrote the other side of
 * (test/gb28181/sipp/device.xml, device-ooc.xml) registers with Digest, keeps alive, answers the
 * platform's INVITE and BYE. SIPp must be installed (Debian `sip-tester`); the test fails loudly when not.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, PASSWORD, startTestPlatform, type TestPlatform } from './support/platform.ts';

const SIPP = process.env.SIPP ?? 'sipp';
const HERE = path.dirname(new URL(import.meta.url).pathname);
const DEVICE = '34020000001320000042';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let env: TestPlatform | undefined;
let work: string | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('SIPp as a GB/T 28181 device', () => {
  it('is installed (Debian sip-tester)', () => {
    const probe = spawnSync(SIPP, ['-v'], { encoding: 'utf8' });
    expect(probe.error, `sipp not found: install the Debian package sip-tester (${String(probe.error)})`).toBeUndefined();
    expect(probe.stdout + probe.stderr).toMatch(/SIPp v\d/);
  });

  it.each(['u1', 't1'] as const)('registers, keeps alive and plays INVITE/ACK/BYE over %s', async (transport) => {
    env = await startTestPlatform('sqlite', { t1Ms: 500 });
    work = mkdtempSync(path.join(os.tmpdir(), 'custos-sipp-'));
    const messages = path.join(work, 'messages.log');
    const port = await freePort();
    const args = ['-sf', path.join(HERE, 'sipp/device.xml'), '-oocsf', path.join(HERE, 'sipp/device-ooc.xml'), '-m', '1', '-t', transport, '-i', '127.0.0.1', '-p', String(port), '-s', DEVICE, '-au', DEVICE, '-ap', PASSWORD, '-timeout', '25s', '-timeout_error', '-nostdin', '-trace_msg', '-message_file', messages, `127.0.0.1:${env.platform.port}`];
    const sipp = spawn(SIPP, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    sipp.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    sipp.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => sipp.on('exit', (code) => resolve(code)));

    await eventually(async () => {
      const devices = await env!.platform.listDevices();
      return devices.length === 1 && devices[0]!.lastKeepaliveAt !== devices[0]!.registeredAt;
    }, 10_000);
    const device = await env.platform.getDevice(DEVICE);
    expect(device).toMatchObject({ deviceId: DEVICE, online: true, transport: transport === 'u1' ? 'UDP' : 'TCP', port });

    const session = await env.platform.invite({ deviceId: DEVICE, channelId: DEVICE, mode: 'Play', receiver: { host: '127.0.0.1', port: 40000 }, transport: 'udp' });
    expect(session).toMatchObject({ ssrc: '0340200777', payload: 'PS' });
    await env.platform.bye(session.callId);

    const code = await exited;
    const log = readFileSync(messages, 'utf8');
    expect(code, output + log.slice(-3000)).toBe(0);
    // SIPp saw our ACK and BYE, and answered the BYE.
    expect(log).toMatch(/ACK sip:/);
    expect(log).toMatch(/BYE sip:/);
    expect(log).toMatch(/SIP\/2\.0 200 OK[\s\S]*CSeq: 2 BYE/);
  }, 40_000);
});
