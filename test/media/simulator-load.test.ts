import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RawRtspClient, sleep } from './simulator-helpers.ts';

const CLI = fileURLToPath(new URL('../../bin/custos.mjs', import.meta.url));

/** User plus system CPU seconds of a process, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

describe.skipIf(process.platform !== 'linux')('custos simulate under load', { timeout: 90_000 }, () => {
  it('serves 50 cameras at once at 25 fps each; reports the process CPU over 5 s', async () => {
    const child = spawn(process.execPath, [CLI, 'simulate', '--cameras', '50', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const clients: RawRtspClient[] = [];
    try {
      const urls = await new Promise<string[]>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const lines = out.split('\n').filter((l) => l.startsWith('rtsp://'));
          if (lines.length === 50) resolve(lines.map((l) => l.split('\t')[0]!));
        });
        child.on('exit', (code) => reject(new Error(`custos simulate exited with ${code}`)));
      });
      expect(urls[49]).toMatch(/^rtsp:\/\/127\.0\.0\.1:\d+\/cam\/50$/);
      for (const url of urls) {
        const client = await RawRtspClient.open(url, false);
        const { play } = await client.play(url);
        expect(play.status).toBe(200);
        clients.push(client);
      }
      await sleep(1000);
      const cpuBefore = cpuSeconds(child.pid!);
      const markersBefore = clients.map((c) => c.markers);
      const bytesBefore = clients.reduce((sum, c) => sum + c.bytes, 0);
      const started = performance.now();
      await sleep(5000);
      const seconds = (performance.now() - started) / 1000;
      const cpu = (cpuSeconds(child.pid!) - cpuBefore) / seconds;
      const frames = clients.map((c, i) => c.markers - markersBefore[i]!);
      const mbit = ((clients.reduce((sum, c) => sum + c.bytes, 0) - bytesBefore) * 8) / seconds / 1e6;
      process.stdout.write(
        `simulator, 50 cameras (640x360, 25 fps): ${(cpu * 100).toFixed(1)} % of a core over ${seconds.toFixed(1)} s, ` +
          `${mbit.toFixed(1)} Mbit/s, frames per camera ${Math.min(...frames)}–${Math.max(...frames)}\n`,
      );
      for (const f of frames) expect(f).toBeGreaterThanOrEqual(Math.floor(seconds * 25) - 6);
      expect(cpu).toBeLessThan(0.6);
    } finally {
      for (const client of clients) client.close();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});
