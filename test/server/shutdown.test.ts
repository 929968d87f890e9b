/**
 * SIGTERM of `custos serve` (compiled command line) while a browser is still connected: the alarm and
 * recording event streams (SSE) and a live-video viewer are closed, and the process exits 0 within 5 s,
 * on SQLite and on PostgreSQL.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { DIALECTS } from '../support/db.ts';
import { LiveViewer, Session } from '../cluster/support/live-viewer.ts';
import { waitFor } from '../cluster/support/processes.ts';
import { ADMIN, Served } from './support/served.ts';

const REASON = { category: 'INCIDENT_INVESTIGATION', text: '停机测试:关闭服务时仍在观看实时视频' };
const EXIT_LIMIT_MS = 5_000;

/** A server-sent event stream read as a browser's EventSource does: until the server ends it. */
function openEvents(base: string, session: Session, path: string): { received: () => string; ended: Promise<'ended' | Error>; abort(): void } {
  const controller = new AbortController();
  let text = '';
  const ended = (async () => {
    try {
      const response = await fetch(`${base}${path}`, { headers: { cookie: session.cookie }, signal: controller.signal });
      if (response.status !== 200 || !response.body) return new Error(`${path}: ${response.status}`);
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'ended' as const;
        text += Buffer.from(value).toString('utf8');
      }
    } catch (error) {
      return error as Error;
    }
  })();
  return { received: () => text, ended, abort: () => controller.abort() };
}

describe('SIGTERM of custos serve with clients connected', { timeout: 150_000 }, () => {
  let served: Served | undefined;
  afterEach(async () => {
    if (served) process.stderr.write(`logs: ${served.logDir}\n`);
    await served?.close();
    served = undefined;
  }, 30_000);

  for (const dialect of DIALECTS) {
    it(`${dialect}: closes the SSE streams and the live viewer and exits 0 within 5 s`, async () => {
      served = await Served.start(dialect, inject('pgUrl'), 'shutdown');
      const session = await Session.signIn(served.url, ADMIN.username, ADMIN.password);
      await session.recordPrerequisites(served.url);
      const alarms = openEvents(served.url, session, '/api/alarms/events');
      const status = openEvents(served.url, session, '/api/recording/events');
      await waitFor('the alarm stream to open', () => alarms.received().includes(': listening'), 15_000);
      await waitFor('a recording status event', () => status.received().includes('event: status'), 15_000);
      await waitFor('the camera to record', () => /"state":"online"/.test(status.received().split('event: status').at(-1) ?? ''), 60_000, 500);
      const { token } = await session.call<{ token: string }>(served.url, 'POST', '/api/access/live', { cameraId: served.cameraId, reason: REASON });
      const viewer = new LiveViewer(served.url, served.cameraId, token);
      expect(await viewer.status).toBe(200);
      await waitFor('a live fragment', () => viewer.fragments.length >= 1, 30_000);
      // The live wall's viewer: the same stream over a WebSocket.
      const socket = new WebSocket(`${served.url.replace(/^http/, 'ws')}/api/media/live.ws?cameraId=${served.cameraId}`, ['custos.media', token]);
      let messages = 0;
      socket.on('message', () => messages++);
      const socketClosed = new Promise<number>((resolve) => socket.once('close', resolve));
      socket.on('error', () => undefined);
      await waitFor('a live message over the WebSocket', () => messages >= 1, 30_000);

      const t0 = Date.now();
      served.server.kill('SIGTERM');
      const exit = await Promise.race([served.server.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20_000))]);
      const tookMs = Date.now() - t0;
      process.stdout.write(`${dialect}: exit after SIGTERM: ${JSON.stringify(exit)} in ${tookMs} ms\n`);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(tookMs).toBeLessThanOrEqual(EXIT_LIMIT_MS);
      // Every stream ended by the server, cleanly: the event streams and the live stream end, the socket closes.
      const ends = await Promise.race([Promise.all([alarms.ended, status.ended, viewer.ended, socketClosed]), new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 2_000))]);
      expect(ends).not.toBe('open');
      const [alarmsEnd, statusEnd, viewerEnd] = ends as [unknown, unknown, unknown, number];
      expect(alarmsEnd).toBe('ended');
      expect(statusEnd).toBe('ended');
      expect(viewerEnd).toBeUndefined();
      expect(served.server.output()).toContain('SIGTERM: shutting down');
    });
  }
});
