/**
 * RTSP sessions on a busy machine: a blocked event loop, a camera whose RTSP handler is deaf while it
 * streams, a simulator that is stopped for a while. The session must survive what a healthy camera
 * does under load, and still end on what ends a session (454, a closed connection, media stopped).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { RtspConnection } from '../../src/media/rtsp/connection.ts';
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

/**
 * A camera in a child process that answers each request behind `backlogBytes` of interleaved media:
 * more than one poll phase reads, so the answer comes only while the backlog is being read.
 */
async function backloggedCamera(backlogBytes: number): Promise<{ port: number; child: ChildProcess }> {
  const script = `
    const net = require('node:net');
    const frame = Buffer.alloc(4 + 65000); frame[0] = 0x24; frame.writeUInt16BE(65000, 2);
    const media = Buffer.concat(Array(Math.ceil(${backlogBytes} / frame.length)).fill(frame));
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.on('data', (chunk) => {
        const cseq = /CSeq: (\\d+)/.exec(chunk.toString())?.[1];
        socket.write(media);
        socket.write('RTSP/1.0 200 OK\\r\\nCSeq: ' + cseq + '\\r\\n\\r\\n');
      });
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  return { port: Number(line.toString().trim()), child };
}

describe('RTSP request answered behind a media backlog', { timeout: 60_000 }, () => {
  it('waits while the connection delivers the backlog instead of timing out, and still times out a silent peer', async () => {
    const { port, child } = await backloggedCamera(16 * 1024 * 1024);
    try {
      let media = 0;
      const conn = await RtspConnection.connect('127.0.0.1', port, 2000, { onInterleaved: () => media++, onClose: () => undefined });
      const answer = conn.request('GET_PARAMETER', 'rtsp://127.0.0.1/cam', {}, 300);
      // Longer than the timeout: the backlog and the answer wait unread, more than one poll phase reads.
      busyWait(1000);
      const response = await answer;
      expect(response.status).toBe(200);
      expect(media).toBeGreaterThan(200);
      conn.close();
    } finally {
      child.kill();
    }

    const silent = spawn(process.execPath, ['-e', `require('node:net').createServer(() => {}).listen(0, '127.0.0.1', function () { console.log(this.address().port); })`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(silent.stdout, 'data')) as [Buffer];
      const conn = await RtspConnection.connect('127.0.0.1', Number(line.toString().trim()), 2000, { onInterleaved: () => undefined, onClose: () => undefined });
      const started = Date.now();
      await expect(conn.request('OPTIONS', 'rtsp://127.0.0.1/cam', {}, 300)).rejects.toMatchObject({ code: 'E_RTSP_TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(3000);
      conn.close();
    } finally {
      silent.kill();
    }
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
