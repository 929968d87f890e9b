/**
 * The RTSP client against the camera simulator, a real RTSP server written apart from it:
 * TCP and UDP, H.264 and H.265, Digest, RTCP timing, and the simulator's faults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspClient, type RtspClientOptions } from '../../src/media/rtsp/client.ts';
import { RtspError } from '../../src/media/rtsp/errors.ts';
import { RtspSupervisor, type SupervisorState } from '../../src/media/rtsp/reconnect.ts';
import { RtpWallClock } from '../../src/media/rtsp/rtcp.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let open: Simulator;
let guarded: Simulator;
const clients: RtspClient[] = [];

function client(options: RtspClientOptions): RtspClient {
  const c = new RtspClient({ timeoutMs: 2000, ...options });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  open = await startSimulator({ cameras: 5, clip: DEFAULT_CLIPS, codec: ['h264', 'h265', 'h264', 'h264', 'h264'] });
  guarded = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', auth: { user: 'admin', password: 'S3cret pass', scheme: 'digest', qop: true } });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  await Promise.all([open?.close(), guarded?.close()]);
});

/** Plays for `ms` and counts what came. */
async function play(c: RtspClient, ms: number) {
  const seen = { rtp: 0, rtcp: 0, badVersion: 0, payloadTypes: new Set<number>(), lastTimestamp: 0 };
  const clock = new RtpWallClock(90_000);
  c.on('rtp', (p) => {
    seen.rtp++;
    if (p[0]! >> 6 !== 2) seen.badVersion++;
    seen.payloadTypes.add(p[1]! & 0x7f);
    seen.lastTimestamp = p.readUInt32BE(4);
  });
  c.on('rtcp', (p) => {
    seen.rtcp++;
    clock.onRtcp(p);
  });
  await c.start();
  await sleep(ms);
  const wallOfLast = clock.toWallMs(seen.lastTimestamp);
  return { ...seen, wallOfLast, state: c.state };
}

describe('RTSP client against the camera simulator', { timeout: 20_000 }, () => {
  it('receives H.264 over TCP for 2 s, and RTCP sender reports place it in wall-clock time', async () => {
    const c = client({ url: open.url(1) });
    const result = await play(c, 2000);
    expect(c.track?.codec).toBe('h264');
    expect(result.state).toBe('playing');
    expect(result.rtp).toBeGreaterThan(50);
    expect(result.badVersion).toBe(0);
    expect([...result.payloadTypes]).toEqual([c.track?.payloadType]);
    expect(result.rtcp).toBeGreaterThan(0);
    expect(Math.abs((result.wallOfLast ?? 0) - Date.now())).toBeLessThan(2000);
    await c.stop();
    expect(c.state).toBe('closed');
  });

  it('receives H.265 over UDP, and H.264 from a camera that asks for Digest with qop', async () => {
    const udp = client({ url: open.url(2), transport: 'udp' });
    const digest = client({ url: guarded.url(1).replace('rtsp://', 'rtsp://admin:S3cret%20pass@') });
    const [overUdp, withDigest] = await Promise.all([play(udp, 1000), play(digest, 1000)]);
    expect(udp.track?.codec).toBe('h265');
    expect(overUdp.rtp).toBeGreaterThan(10);
    expect(digest.track?.codec).toBe('h264');
    expect(withDigest.rtp).toBeGreaterThan(10);
  });

  it('refuses wrong credentials with E_RTSP_AUTH', async () => {
    const c = client({ url: guarded.url(1).replace('rtsp://', 'rtsp://admin:wrong@') });
    await expect(c.start()).rejects.toMatchObject({ code: 'E_RTSP_AUTH' });
  });

  it('notices a stalled camera, and survives a camera sending garbage', async () => {
    open.setFault(3, { kind: 'stall', afterSeconds: 0.3 });
    open.setFault(5, { kind: 'garbage' });
    const stalled = client({ url: open.url(3), dataTimeoutMs: 300 });
    const reason = new Promise<string>((resolve) => stalled.once('closed', ({ reason }) => resolve(reason)));
    await stalled.start();
    expect(await reason).toContain('E_RTSP_STALLED');

    for (let i = 0; i < 3; i++) {
      const garbled = client({ url: open.url(5), timeoutMs: 300 });
      const outcome = await garbled.start().then(
        () => 'played',
        (error: unknown) => error,
      );
      if (outcome !== 'played') expect(outcome).toBeInstanceOf(RtspError);
      await garbled.stop();
    }
  });

  it('reconnects under the supervisor after the camera drops the connection', async () => {
    open.setFault(4, { kind: 'drop', afterSeconds: 0.5 });
    const states: SupervisorState[] = [];
    const supervisor = new RtspSupervisor({ createClient: () => client({ url: open.url(4) }), baseMs: 100 });
    supervisor.on('state', (s) => states.push(s));
    supervisor.start();
    await sleep(1500);
    open.setFault(4, null);
    await sleep(1000);
    expect(states.slice(0, 4)).toEqual(['connecting', 'streaming', 'backoff', 'connecting']);
    expect(supervisor.lastError).toContain('E_RTSP_NETWORK');
    expect(supervisor.state).toBe('streaming');
    await supervisor.stop();
    expect(supervisor.state).toBe('stopped');
  });
});
