/**
 * INVITE to the simulated device: its SDP answer, PS over RTP arriving over UDP, TCP passive and TCP
 * active, the PS bytes read by ffprobe, and the media stopping on BYE from either side.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGbSimDevice, type GbSimDevice } from '../../src/gb28181/simulator/device.ts';
import { PLATFORM_ID, StandInPlatform, type MediaCall } from './support/stand-in-platform.ts';

const run = promisify(execFile);
const PASSWORD = 'sip-secret-12345';
let dir = '';
let platform: StandInPlatform | undefined;
let device: GbSimDevice | undefined;
const calls: MediaCall[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gb-sim-media-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const call of calls.splice(0)) call.close();
  await device?.close();
  await platform?.close();
  device = undefined;
  platform = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function setUp(sip: 'UDP' | 'TCP') {
  platform = await StandInPlatform.start(sip, PASSWORD);
  device = await startGbSimDevice({ platform: { id: PLATFORM_ID, host: '127.0.0.1', port: platform.port }, password: PASSWORD, transport: sip, localHost: '127.0.0.1', channels: 2, codec: 'mixed', keepaliveSec: 30 });
  return { platform, device };
}

async function ffprobe(file: string): Promise<{ codec: string; width: number; frames: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-f', 'mpeg', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=codec_name,width,nb_read_frames', '-of', 'json', file]);
  const stream = (JSON.parse(stdout) as { streams: Array<{ codec_name: string; width: number; nb_read_frames: string }> }).streams[0]!;
  return { codec: stream.codec_name, width: stream.width, frames: Number(stream.nb_read_frames) };
}

const cases = [
  { sip: 'UDP', media: 'udp', channel: 0, codec: 'h264' },
  { sip: 'TCP', media: 'tcp-passive', channel: 1, codec: 'hevc' },
  { sip: 'UDP', media: 'tcp-active', channel: 0, codec: 'h264' },
] as const;

describe('GB/T 28181 device simulator: live media', () => {
  for (const c of cases) {
    it(`plays PS over RTP (${c.media}, SIP over ${c.sip}) that ffprobe reads as ${c.codec}, until the platform's BYE`, async () => {
      const { platform, device } = await setUp(c.sip);
      const channelId = device.channels[c.channel]!.channelId;
      const call = await platform.invite(device.deviceId, channelId, c.media, { ssrc: '0100000042' });
      calls.push(call);
      expect(call.status).toBe(200);
      expect(call.answer).toMatch(/^y=0100000042$/m);
      expect(call.answer).toMatch(/^a=sendonly$/m);
      expect(call.answer).toMatch(/^a=rtpmap:96 PS\/90000$/m);
      if (c.media === 'udp') expect(call.answer).toMatch(/^m=video \d+ RTP\/AVP 96$/m);
      if (c.media === 'tcp-passive') expect(call.answer).toMatch(/^a=setup:active$/m);
      if (c.media === 'tcp-active') {
        expect(call.answer).toMatch(/^a=setup:passive$/m);
        expect(Number(/^m=video (\d+) TCP\/RTP\/AVP/m.exec(call.answer)?.[1])).toBeGreaterThan(9);
      }
      await platform.until(() => call.packets.length > 0 && Date.now() - call.lastPacketAt < 100 && device.sessions[0]!.stream!.stats.framesSent >= 30, 5000);
      for (const packet of call.packets) {
        expect(packet[1]! & 0x7f).toBe(96);
        expect(packet.readUInt32BE(8)).toBe(100000042);
      }
      const file = join(dir, `${c.media}.ps`);
      await writeFile(file, call.psBytes());
      const probed = await ffprobe(file);
      expect(probed.codec).toBe(c.codec);
      expect(probed.width).toBe(640);
      expect(probed.frames).toBeGreaterThanOrEqual(20);

      expect(await call.bye()).toBe(200);
      expect(device.sessions[0]!.state).toBe('ended');
      expect(device.sessions[0]!.endedBy).toBe('platform');
      await sleep(150);
      const count = call.packets.length;
      await sleep(300);
      expect(call.packets.length).toBe(count);
    }, 20_000);
  }

  it('paces at the clip frame rate (about 25 pictures a second)', async () => {
    const { platform, device } = await setUp('UDP');
    const call = await platform.invite(device.deviceId, device.channels[0]!.channelId, 'udp');
    calls.push(call);
    await platform.until(() => call.packets.length > 0);
    await sleep(1000);
    const first = call.packets.filter((p) => (p[1]! & 0x80) !== 0).length;
    expect(first).toBeGreaterThanOrEqual(20);
    expect(first).toBeLessThanOrEqual(30);
  });

  it('hangs up first (BYE from the device) and the platform hears it', async () => {
    const { platform, device } = await setUp('TCP');
    const call = await platform.invite(device.deviceId, device.channels[0]!.channelId, 'tcp-passive', { session: 'Playback' });
    calls.push(call);
    expect(call.answer).toMatch(/^s=Playback$/m);
    await platform.until(() => call.packets.length > 10);
    await device.hangUp();
    expect(platform.peer(device.deviceId).byes).toContain(call.callId);
    expect(device.sessions[0]!.endedBy).toBe('device');
    await sleep(150);
    const count = call.packets.length;
    await sleep(300);
    expect(call.packets.length).toBe(count);
  });

  it('answers 404 for a channel it does not have', async () => {
    const { platform, device } = await setUp('UDP');
    const call = await platform.invite(device.deviceId, '34020000001310000999', 'udp');
    calls.push(call);
    expect(call.status).toBe(404);
  });
});
