/** Many devices at once: 200 devices register with Digest over UDP and TCP and keep alive; each is listed once, online, at its own port. */
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestPlatform, type TestPlatform } from './support/platform.ts';
import { TestUa } from './support/test-ua.ts';

const COUNT = 200;
const code = (n: number) => `3402000000132${String(n).padStart(7, '0')}`;

describe('many GB/T 28181 devices', () => {
  let env: TestPlatform;
  const uas: TestUa[] = [];
  afterAll(async () => {
    for (const ua of uas) await ua.close();
    await env.close();
  });

  it(`registers and keeps alive ${COUNT} devices (half UDP, half TCP)`, async () => {
    env = await startTestPlatform('sqlite', { t1Ms: 500 });
    for (let n = 0; n < COUNT; n++) uas.push(await TestUa.open({ deviceId: code(n), transport: n % 2 ? 'TCP' : 'UDP', platformPort: env.platform.port }));
    const started = performance.now();
    const registered = await Promise.all(uas.map((ua) => ua.register(PASSWORD)));
    const registerMs = performance.now() - started;
    expect(registered.every((r) => r.status === 200)).toBe(true);
    const keepStarted = performance.now();
    const kept = await Promise.all(uas.map((ua) => ua.keepalive(2)));
    const keepaliveMs = performance.now() - keepStarted;
    expect(kept.every((r) => r.status === 200)).toBe(true);
    const devices = await env.platform.listDevices();
    expect(devices).toHaveLength(COUNT);
    expect(devices.every((d) => d.online)).toBe(true);
    expect(new Set(devices.map((d) => `${d.transport}:${d.port}`)).size).toBe(COUNT);
    process.stdout.write(`gb28181: ${COUNT} Digest registrations (401 + 200 each) in ${registerMs.toFixed(0)} ms, ${COUNT} keep-alives in ${keepaliveMs.toFixed(0)} ms\n`);
  }, 60_000);
});
