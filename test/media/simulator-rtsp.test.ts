import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { RawRtspClient, hasFfmpeg, run, sleep } from './simulator-helpers.ts';

const ffmpegHere = await hasFfmpeg();
if (!ffmpegHere) process.stderr.write('\n!!! ffmpeg/ffprobe not found: the simulator tests against a foreign client are SKIPPED.\n\n');

async function probe(url: string, extra: string[] = []): Promise<{ code: number | null; stderr: string; stream?: { codec_name: string; width: number; height: number } }> {
  const r = await run('ffprobe', ['-rtsp_transport', 'tcp', ...extra, '-v', 'error', '-show_streams', '-of', 'json', url]);
  const streams = r.code === 0 ? (JSON.parse(r.stdout) as { streams: { codec_name: string; width: number; height: number }[] }).streams : [];
  return { code: r.code, stderr: r.stderr, ...(streams[0] ? { stream: streams[0] } : {}) };
}

describe.skipIf(!ffmpegHere)('camera simulator against ffmpeg', { timeout: 60_000 }, () => {
  let sim: Simulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimulator({ cameras: 4, clip: DEFAULT_CLIPS });
    dir = mkdtempSync(path.join(tmpdir(), 'custos-simulator-'));
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ffprobe reads an H.264 camera (odd) and an H.265 camera (even), 640x360', async () => {
    const [one, two] = await Promise.all([probe(sim.url(1)), probe(sim.url(2))]);
    expect(one.stderr).toBe('');
    expect(one.stream).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(two.stderr).toBe('');
    expect(two.stream).toMatchObject({ codec_name: 'hevc', width: 640, height: 360 });
  });

  it.each([
    [1, 'tcp', 'h264'],
    [2, 'tcp', 'hevc'],
    [3, 'udp', 'h264'],
  ] as const)('ffmpeg records camera %i over %s for 3 s without an error: about 75 frames of %s', async (camera, transport, codec) => {
    const out = path.join(dir, `cam${camera}-${transport}.mp4`);
    const rec = await run('ffmpeg', ['-v', 'error', '-rtsp_transport', transport, '-i', sim.url(camera), '-t', '3', '-c', 'copy', '-f', 'mp4', out]);
    expect(rec.stderr).toBe('');
    expect(rec.code).toBe(0);
    const count = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_name,nb_read_frames', '-of', 'json', out]);
    expect(count.stderr).toBe('');
    const stream = (JSON.parse(count.stdout) as { streams: { codec_name: string; nb_read_frames: string }[] }).streams[0]!;
    expect(stream.codec_name).toBe(codec);
    expect(Number(stream.nb_read_frames)).toBeGreaterThanOrEqual(72);
    expect(Number(stream.nb_read_frames)).toBeLessThanOrEqual(78);
  });

  it('answers the RTSP dialogue: CSeq, SDP, Session with timeout, RTP-Info, and an RTCP sender report on the odd channel', async () => {
    const client = await RawRtspClient.open(sim.url(1));
    try {
      const options = await client.request('OPTIONS', sim.url(1));
      expect(options.status).toBe(200);
      expect(options.headers.get('cseq')).toBe('1');
      expect(options.headers.get('public')).toContain('GET_PARAMETER');
      expect((await client.request('DESCRIBE', `${sim.url(1)}9`)).status).toBe(404);
      const before = Date.now();
      const { describe: d, setup, play, session } = await client.play(sim.url(1));
      expect(d.headers.get('content-type')).toBe('application/sdp');
      expect(d.body).toMatch(/a=rtpmap:96 H264\/90000/);
      expect(d.body).toMatch(/a=fmtp:96 packetization-mode=1;profile-level-id=64001E;sprop-parameter-sets=Z[^,]+,aO/);
      expect(d.body).toMatch(/a=control:trackID=0/);
      expect(setup.headers.get('transport')).toMatch(/^RTP\/AVP\/TCP;unicast;interleaved=0-1;ssrc=[0-9A-F]{8}$/);
      expect(setup.headers.get('session')).toMatch(/^[0-9A-F]{16};timeout=60$/);
      const info = /url=(\S+);seq=(\d+);rtptime=(\d+)/.exec(play.headers.get('rtp-info') ?? '');
      expect(info?.[1]).toBe(`${sim.url(1)}/trackID=0`);
      expect(play.headers.get('range')).toBe('npt=0.000-');
      expect((await client.request('GET_PARAMETER', sim.url(1), { Session: session })).status).toBe(200);
      expect((await client.request('GET_PARAMETER', sim.url(1), { Session: 'WRONG' })).status).toBe(454);
      await sleep(500);
      const rtp = client.frames.filter((f) => f.channel === 0);
      expect(rtp.length).toBeGreaterThan(10);
      expect(rtp[0]!.data.readUInt16BE(2)).toBe(Number(info?.[2]));
      expect(rtp[0]!.data.readUInt32BE(4)).toBe(Number(info?.[3]));
      expect(rtp[0]!.data[12]! & 0x1f).toBe(7);
      const sr = client.frames.find((f) => f.channel === 1)!.data;
      expect(sr[1]).toBe(200);
      expect(sr.readUInt32BE(4)).toBe(rtp[0]!.data.readUInt32BE(8));
      const srWallMs = (sr.readUInt32BE(8) - 2_208_988_800) * 1000 + (sr.readUInt32BE(12) / 2 ** 32) * 1000;
      expect(Math.abs(srWallMs - before)).toBeLessThan(1000);
      const srRtp = sr.readUInt32BE(16);
      expect(((srRtp - Number(info?.[3])) >>> 0) / 90).toBeLessThan(srWallMs - before + 50);
      expect((await client.request('TEARDOWN', sim.url(1), { Session: session })).status).toBe(200);
    } finally {
      client.close();
    }
  });

  it('drop: closes the connection after the given seconds of play', async () => {
    sim.setFault(3, { kind: 'drop', afterSeconds: 1 });
    const client = await RawRtspClient.open(sim.url(3));
    const started = performance.now();
    await client.play(sim.url(3));
    await client.closed;
    const lasted = performance.now() - started;
    expect(lasted).toBeGreaterThan(900);
    expect(lasted).toBeLessThan(2000);
    expect(client.markers).toBeGreaterThan(20);
    expect(sim.stats(3).drops).toBe(1);
    sim.setFault(3, null);
  });

  it('stall: media stops while RTSP still answers, and resumes on a keyframe when cleared', async () => {
    const client = await RawRtspClient.open(sim.url(1));
    try {
      const { session } = await client.play(sim.url(1));
      await sleep(300);
      sim.setFault(1, { kind: 'stall' });
      await sleep(100);
      const stalledAt = client.frames.length;
      await sleep(1000);
      expect(client.frames.length).toBe(stalledAt);
      expect((await client.request('GET_PARAMETER', sim.url(1), { Session: session })).status).toBe(200);
      sim.setFault(1, null);
      await sleep(2500);
      const resumed = client.frames.slice(stalledAt).filter((f) => f.channel === 0);
      expect(resumed.length).toBeGreaterThan(10);
      expect(resumed[0]!.data[12]! & 0x1f).toBe(7);
    } finally {
      client.close();
    }
  });

  it('garbage: random bytes inside interleaved frames once playing, malformed RTSP responses, and ffprobe fails', async () => {
    sim.setFault(4, { kind: 'garbage', afterSeconds: 0, ratio: 0.5 });
    const client = await RawRtspClient.open(sim.url(4));
    try {
      await client.play(sim.url(4));
      await sleep(600);
      const rtp = client.frames.filter((f) => f.channel === 0);
      expect(rtp.length).toBeGreaterThan(20);
      expect(rtp.filter((f) => f.data[0] !== 0x80).length).toBeGreaterThan(rtp.length * 0.3);
    } finally {
      client.close();
    }
    sim.setFault(4, { kind: 'garbage' });
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(sim.port, '127.0.0.1', () => socket.write(`DESCRIBE ${sim.url(4)} RTSP/1.0\r\nCSeq: 1\r\n\r\n`));
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      setTimeout(() => {
        socket.destroy();
        resolve(text);
      }, 300);
    });
    expect(answer.length).toBeGreaterThan(0);
    expect(answer).not.toContain('a=rtpmap');
    const probed = await probe(sim.url(4), ['-timeout', '3000000']);
    expect(probed.code).not.toBe(0);
    sim.setFault(4, null);
  });
});

describe.skipIf(!ffmpegHere)('camera simulator authentication', { timeout: 60_000 }, () => {
  it.each(['digest', 'basic'] as const)('%s: a wrong password gets 401, the right one plays', async (scheme) => {
    const sim = await startSimulator({ cameras: 1, clip: { h264: DEFAULT_CLIPS.h264 }, auth: { user: 'admin', password: 'pa:ss word', scheme } });
    try {
      const withCredentials = (password: string) => sim.url(1).replace('rtsp://', `rtsp://admin:${encodeURIComponent(password)}@`);
      const wrong = await probe(withCredentials('nope'));
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toMatch(/401/);
      const right = await probe(withCredentials('pa:ss word'));
      expect(right.stderr).toBe('');
      expect(right.stream?.codec_name).toBe('h264');
      const raw = await RawRtspClient.open(sim.url(1));
      const challenge = await raw.request('DESCRIBE', sim.url(1));
      raw.close();
      expect(challenge.status).toBe(401);
      expect(challenge.headers.get('www-authenticate')).toMatch(scheme === 'digest' ? /^Digest realm="Custos simulator", nonce="[0-9a-f]{32}", algorithm=MD5$/ : /^Basic realm=/);
    } finally {
      await sim.close();
    }
  });

  it('digest with qop=auth works for ffprobe', async () => {
    const sim = await startSimulator({ cameras: 2, clip: DEFAULT_CLIPS, auth: { user: 'u', password: 'p', scheme: 'digest', qop: true } });
    try {
      const ok = await probe(sim.url(2).replace('rtsp://', 'rtsp://u:p@'));
      expect(ok.stderr).toBe('');
      expect(ok.stream?.codec_name).toBe('hevc');
    } finally {
      await sim.close();
    }
  });
});
