/**
 * Issue 10, attack 5: ffmpeg's error line carries the camera's stream password, and the recording
 * status and its event stream show it to every signed-in user. Every reason the recorder reports goes
 * through stripCredentials (src/shared/redact.ts).
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { RecorderService } from '../../src/recorder/recorder-service.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { stripCredentials } from '../../src/shared/redact.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, created, siteBody, unitBody } from '../support/fixtures.ts';
import { waitFor } from '../recorder/support/segments.ts';

const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const SCHEMES = ['rtsp', 'rtsps', 'http', 'https'];
/** The marker makes the password findable in any text without matching ordinary words. */
const password = fc.string({ minLength: 0, maxLength: 24 }).map((s) => `Zq9${s}`);
const user = fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/);
const LINES = [
  (url: string) => `${url}: Connection refused`,
  (url: string) => `Error opening input file ${url}.`,
  (url: string) => `[rtsp @ 0x55d0] method DESCRIBE failed: 401 Unauthorized ('${url}')`,
  (url: string) => `ffmpeg exited with code 1: [in#0 @ 0x1] Error opening input: ${url} (I/O error)`,
];

describe('stripCredentials under random passwords', () => {
  it('leaves no trace of the stream password (raw or percent-encoded) in any error line that names the URL', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCHEMES), user, password, fc.constantFrom(...LINES), (scheme, name, secret, line) => {
        const url = `${scheme}://${encodeURIComponent(name)}:${encodeURIComponent(secret)}@192.168.1.20:554/live?password=${encodeURIComponent(secret)}`;
        const text = `${line(url)} pwd=${secret}`;
        const out = stripCredentials(text, url);
        expect(out).not.toContain(secret);
        expect(out).not.toContain(encodeURIComponent(secret));
        expect(out).toContain('192.168.1.20');
      }),
      { numRuns: 300 },
    );
  });

  it('takes out URL user info and password= parameters even when the URL is not known', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCHEMES), user, password, fc.constantFrom(...LINES), (scheme, name, secret, line) => {
        const encoded = encodeURIComponent(secret);
        const out = stripCredentials(line(`${scheme}://${name}:${encoded}@cam.local/s?password=${encoded}&x=1`));
        expect(out).not.toContain(encoded);
        expect(out).toContain(`${scheme}://***@`);
      }),
      { numRuns: 300 },
    );
    expect(stripCredentials('Authorization: Basic dmlld2VyOnNlY3JldA== refused')).toBe('Authorization: Basic *** refused');
    expect(stripCredentials('no credentials here: E_RTSP_TIMEOUT after 5000 ms')).toBe('no credentials here: E_RTSP_TIMEOUT after 5000 ms');
  });
});

describe.skipIf(!hasFfmpeg)('recording status and events without the stream password', { timeout: 60_000 }, () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it("shows ffmpeg's error for an unreachable source without its password, in GET /api/recording/status and the event stream", async () => {
    // A port that refuses connections: ffmpeg's last line is "<url>: Connection refused".
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const secret = 'S3cr3t-Stream-Pw';
    let recorder: RecorderService | undefined;
    t = await openTestApp('sqlite', {
      recorder: (db, dataDir) => {
        recorder = new RecorderService({ db: db.db, dataDir, clock: systemClock, reconcileMs: 200 });
        return recorder;
      },
    });
    const unit = await created<{ id: string }>(t, '/api/units', unitBody());
    const site = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id));
    const sourceUrl = `http://viewer:${secret}@127.0.0.1:${port}/cam.mp4?password=${secret}`;
    const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { sourceUrl }));
    await created(t, '/api/signs', { siteId: site.id, location: '入口', photoRef: 'photos/sign-1.jpg', cameraIds: [camera.id] });
    expect((await t.call('POST', `/api/cameras/${camera.id}/activate`, {})).statusCode).toBe(200);
    await recorder!.start();
    await waitFor(() => (recorder!.statusOf(camera.id)?.lastError ?? '').includes('refused'), 30_000);

    const status = await t.call('GET', '/api/recording/status');
    expect(status.body).toContain('Connection refused');
    expect(status.body).toContain('127.0.0.1');
    expect(status.body).not.toContain(secret);

    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const events = await fetch(`${url}/api/recording/events`, { headers: { authorization: `Bearer ${t.admin.token}` }, signal: controller.signal });
    const reader = events.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(events.headers.get('x-content-type-options')).toBe('nosniff');
    expect(events.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(first).toMatch(/^event: status\ndata: /);
    expect(first).toContain('Connection refused');
    expect(first).not.toContain(secret);
  });
});
