/** `custos simulate gb28181` under load: one NVR streaming 16 channels of PS over RTP (UDP) at once; reports its CPU. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { PLATFORM_ID, StandInPlatform, type MediaCall } from './support/stand-in-platform.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/custos.mjs');
const DEVICE = '34020000001180000001';
const CHANNELS = 16;

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

let platform: StandInPlatform | undefined;
afterEach(async () => {
  await platform?.close();
  platform = undefined;
});

describe.skipIf(process.platform !== 'linux')('custos simulate gb28181 under load', { timeout: 60_000 }, () => {
  it(`streams ${CHANNELS} channels at 25 fps each; reports the process CPU over 5 s`, async () => {
    platform = await StandInPlatform.start('UDP', 'load-secret');
    const child = spawn(process.execPath, [BIN, 'simulate', 'gb28181', '--platform', `sip:${PLATFORM_ID}@127.0.0.1:${platform.port}`, '--password', 'load-secret', '--channels', String(CHANNELS), '--local-host', '127.0.0.1'], { stdio: 'ignore' });
    const calls: MediaCall[] = [];
    try {
      await platform.until(() => platform!.peers.get(DEVICE)?.registered === true, 15_000);
      const docs = await platform.query(DEVICE, 'Catalog', {}, { timeoutMs: 10_000 });
      const channels = docs.flatMap((d) => {
        const list = d.body.DeviceList as { Item?: unknown };
        const items = Array.isArray(list.Item) ? list.Item : [list.Item];
        return (items as Array<{ DeviceID: string }>).map((i) => i.DeviceID);
      });
      expect(channels).toHaveLength(CHANNELS);
      for (const channelId of channels) calls.push(await platform.invite(DEVICE, channelId, 'udp'));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const cpuBefore = cpuSeconds(child.pid!);
      const markersBefore = calls.map((c) => c.packets.filter((p) => (p[1]! & 0x80) !== 0).length);
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const seconds = (performance.now() - started) / 1000;
      const cpu = (cpuSeconds(child.pid!) - cpuBefore) / seconds;
      const fps = calls.map((c, i) => (c.packets.filter((p) => (p[1]! & 0x80) !== 0).length - markersBefore[i]!) / seconds);
      const mbps = calls.reduce((sum, c) => sum + c.packets.reduce((n, p) => n + p.length, 0), 0) / 1e6;
      console.log(`gb28181 simulator: ${CHANNELS} channels, CPU ${(cpu * 100).toFixed(1)}% of one core, fps min ${Math.min(...fps).toFixed(1)} max ${Math.max(...fps).toFixed(1)}, ${mbps.toFixed(1)} MB received`);
      for (const f of fps) expect(f).toBeGreaterThan(20);
    } finally {
      for (const call of calls) call.close();
      child.kill('SIGINT');
    }
  });
});
