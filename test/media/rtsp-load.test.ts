/**
 * RTSP sessions on a busy machine: a blocked event loop, a camera whose RTSP handler is deaf while it
 * streams, a simulator that is stopped for a while. The session must survive what a healthy camera
 * does under load, and still end on what ends a session (454, a closed connection, media stopped).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RtspClient, type RtspClientOptions } from '../../src/media/rtsp/client.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { startSimulatorProcess, type SimulatorProcess } from '../support/simulator-process.ts';
import { cameraScript, startFakeRtspServer, type FakeRtspServer } from './support/fake-rtsp-server.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function busyWait(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // the test's own thread is busy: no timer, no socket read
  }
}

const clients: RtspClient[] = [];
let sim: Simulator | undefined;
let simProcess: SimulatorProcess | undefined;
let fake: FakeRtspServer | undefined;

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
  await sim?.close();
  await simProcess?.close();
  await fake?.close();
  sim = simProcess = fake = undefined;
});

function client(options: RtspClientOptions): { c: RtspClient; closed: string[] } {
  const c = new RtspClient(options);
  const closed: string[] = [];
  c.on('closed', ({ reason }) => closed.push(reason));
  c.on('error', () => undefined);
  clients.push(c);
  return { c, closed };
}

describe('RTSP keep-alive while media flows', { timeout: 60_000 }, () => {
  it('counts keep-alives a deaf camera leaves unanswered while it streams, and keeps the session', async () => {
    sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264' });
    const { c, closed } = client({ url: sim.url(1), keepAliveMs: 300, timeoutMs: 500, dataTimeoutMs: 3000 });
    await c.start();
    sim.setFault(1, { kind: 'deaf' });
    await sleep(3500);
    expect(closed).toEqual([]);
    expect(c.state).toBe('playing');
    expect(c.stats.keepAlivesUnanswered).toBeGreaterThanOrEqual(2);
    const before = c.stats.rtpPackets;
    await sleep(500);
    expect(c.stats.rtpPackets).toBeGreaterThan(before);
  });

  it('still ends the session on a 454 answer to a keep-alive, while media flows', async () => {
    const rtp = (i: number) => Buffer.from([0x80, 96, 0, i & 0xff, 0, 0, 0, i & 0xff, 0, 0, 0, 1, 0x65, 0]);
    fake = await startFakeRtspServer(
      cameraScript({
        onPlay: (conn) => conn.streamFrames(0, 20, rtp),
        intercept: (request, conn) => {
          if (request.method !== 'GET_PARAMETER') return false;
          conn.respond(request, 454, 'Session Not Found');
          return true;
        },
      }),
    );
    const { c, closed } = client({ url: fake.url(), keepAliveMs: 200, timeoutMs: 500, dataTimeoutMs: 3000 });
    await c.start();
    await sleep(1000);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toContain('E_RTSP_STATUS');
    expect(closed[0]).toContain('454');
  });

  it('still ends the session when the camera closes the connection', async () => {
    sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', faults: { 1: { kind: 'drop', afterSeconds: 1 } } });
    const { c, closed } = client({ url: sim.url(1), keepAliveMs: 300, timeoutMs: 500, dataTimeoutMs: 3000 });
    await c.start();
    await sleep(2000);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toContain('E_RTSP_NETWORK');
  });

  it('still ends the session of a deaf camera whose media stopped', async () => {
    // Deaf from the start would fail the handshake: answer OPTIONS…PLAY, then nothing and no media.
    fake = await startFakeRtspServer(cameraScript({ intercept: (request) => request.method === 'GET_PARAMETER' }));
    const { c, closed } = client({ url: fake.url(), keepAliveMs: 200, timeoutMs: 300, dataTimeoutMs: 1000 });
    await c.start();
    await sleep(2500);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatch(/E_RTSP_(STALLED|TIMEOUT)/);
  });
});

describe('RTSP client on a blocked event loop', { timeout: 60_000 }, () => {
  it('reads the answer that came while the loop was blocked before timing out the keep-alive', async () => {
    simProcess = await startSimulatorProcess({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264' });
    const { c, closed } = client({ url: simProcess.url(1), keepAliveMs: 1000, timeoutMs: 1000, dataTimeoutMs: 10_000 });
    await c.start();
    // Same period, created after the client's keep-alive timer: runs right after it in the same timers
    // phase, so the thread blocks with the keep-alive just sent, longer than its timeout.
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        busyWait(3000);
        resolve();
      }, 1000),
    );
    await sleep(1500);
    expect(closed).toEqual([]);
    expect(c.state).toBe('playing');
    expect(c.stats.keepAlivesUnanswered).toBe(0);
  });
});

describe('RTSP session through a stopped simulator', { timeout: 60_000 }, () => {
  it('survives the simulator stopped for 3 s, and the simulator reports the frames it skipped as a span', async () => {
    simProcess = await startSimulatorProcess({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264' });
    const { c, closed } = client({ url: simProcess.url(1), timeoutMs: 5000, dataTimeoutMs: 5000 });
    await c.start();
    await sleep(1000);
    const stoppedAt = Date.now();
    process.kill(simProcess.pid, 'SIGSTOP');
    await sleep(3000);
    process.kill(simProcess.pid, 'SIGCONT');
    const resumedAt = Date.now();
    await sleep(3000);
    expect(closed).toEqual([]);
    expect(c.state).toBe('playing');
    const before = c.stats.rtpPackets;
    await sleep(300);
    expect(c.stats.rtpPackets).toBeGreaterThan(before);

    const { dropSpans } = await simProcess.stats(1);
    // The pacer skipped ahead (more than its MAX_LATE_MS behind), then waited for a keyframe.
    const span = dropSpans.find((s) => s.fromMs < resumedAt && (s.toMs ?? Infinity) >= resumedAt);
    expect(span, JSON.stringify({ stoppedAt, resumedAt, dropSpans })).toBeDefined();
    expect(span!.fromMs).toBeGreaterThanOrEqual(stoppedAt - 100);
    expect(span!.toMs).not.toBeNull();
    // 3 s at 25 fps, less what a slow stop or start may hide.
    expect(span!.frames).toBeGreaterThanOrEqual(50);
  });

  it('keeps the session when the simulator is stopped for longer than its session timeout while the client kept it alive', async () => {
    // A 2 s session timeout: the client sends a keep-alive every second, which wait unread while stopped.
    simProcess = await startSimulatorProcess({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', sessionTimeoutS: 2 });
    const { c, closed } = client({ url: simProcess.url(1), timeoutMs: 5000, dataTimeoutMs: 5000 });
    await c.start();
    await sleep(500);
    process.kill(simProcess.pid, 'SIGSTOP');
    await sleep(3000);
    process.kill(simProcess.pid, 'SIGCONT');
    await sleep(2500);
    expect(closed).toEqual([]);
    expect(c.state).toBe('playing');
    expect((await simProcess.stats(1)).playing).toBe(1);
  });
});
