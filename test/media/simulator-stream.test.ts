import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { makeCamera } from '../../src/media/simulator/camera.ts';
import { DEFAULT_CLIPS, loadClip } from '../../src/media/simulator/clip.ts';
import { MediaStream } from '../../src/media/simulator/stream.ts';

/** Records what the stream writes; its send buffer fill level is set by the test. */
class FakeSocket {
  writableLength = 0;
  readonly writes: Buffer[] = [];
  write(data: Buffer): boolean {
    this.writes.push(data);
    return true;
  }
}

function packets(writes: Buffer[], channel: number): Buffer[] {
  const out: Buffer[] = [];
  for (const w of writes) {
    for (let at = 0; at < w.length; at += 4 + w.readUInt16BE(at + 2)) if (w[at + 1] === channel) out.push(w.subarray(at + 4, at + 4 + w.readUInt16BE(at + 2)));
  }
  return out;
}

async function setUp(sessionTimeoutMs = 0) {
  const camera = makeCamera(1, await loadClip(DEFAULT_CLIPS.h264, 'h264'));
  const socket = new FakeSocket();
  const ends: string[] = [];
  const stream = new MediaStream(camera, { kind: 'tcp', socket: socket as unknown as Socket, channel: 0 }, {
    sequence: 65_000,
    timestampBase: 2 ** 32 - 3600 * 10,
    ssrc: 0x1234,
    cname: 'test',
    maxBufferedBytes: 100_000,
    sessionTimeoutMs,
    onEnd: (why) => ends.push(why),
  });
  return { camera, socket, stream, ends, t0: performance.now() };
}

describe('simulator media stream', () => {
  it('sends each frame when due, with contiguous sequence numbers and timestamps that run on across loops and wrap-around', async () => {
    const { socket, stream, t0 } = await setUp();
    for (let ms = 0; ms <= 4500; ms += 10) stream.tick(t0 + ms);
    const rtp = packets(socket.writes, 0);
    const markers = rtp.filter((p) => (p[1]! & 0x80) !== 0);
    expect(markers).toHaveLength(113);
    const stamps = markers.map((p) => p.readUInt32BE(4));
    expect(stamps.every((ts, i) => i === 0 || ((ts - stamps[i - 1]!) >>> 0) === 3600)).toBe(true);
    expect(rtp.every((p, i) => i === 0 || p.readUInt16BE(2) === ((rtp[i - 1]!.readUInt16BE(2) + 1) & 0xffff))).toBe(true);
    // Frame 100 is frame 0 again: parameter sets first.
    const keyframeStarts = rtp.filter((p, i) => i === 0 || (rtp[i - 1]![1]! & 0x80) !== 0).flatMap((p, i) => ((p[12]! & 0x1f) === 7 ? [i] : []));
    expect(keyframeStarts).toEqual([0, 50, 100]);
  });

  it('drops frames while the client is behind, counts them, leaves a sequence gap and resumes on a keyframe', async () => {
    const { camera, socket, stream, t0 } = await setUp();
    stream.tick(t0 + 400);
    const sent = socket.writes.length;
    socket.writableLength = 1_000_000;
    stream.tick(t0 + 800);
    expect(socket.writes.length).toBe(sent);
    expect(camera.stats.framesDropped).toBe(10);
    socket.writableLength = 0;
    stream.tick(t0 + 1900);
    expect(socket.writes.length).toBe(sent);
    stream.tick(t0 + 2000);
    expect(socket.writes.length).toBe(sent + 1);
    const first = packets([socket.writes[sent]!], 0)[0]!;
    expect(first[12]! & 0x1f).toBe(7);
    expect(camera.stats.framesDropped).toBe(50 - 11);
    const before = packets(socket.writes.slice(0, sent), 0).at(-1)!;
    expect((first.readUInt16BE(2) - before.readUInt16BE(2)) & 0xffff).toBeGreaterThan(1);
  });

  it('sends an RTCP sender report every 5 s on the odd channel, and skips ahead after a blocked event loop', async () => {
    const { camera, socket, stream, t0 } = await setUp();
    stream.tick(t0);
    stream.tick(t0 + 3000);
    expect(camera.stats.framesDropped).toBeGreaterThan(0);
    stream.tick(t0 + 5100);
    const reports = packets(socket.writes, 1);
    expect(reports).toHaveLength(2);
    expect(reports.map((r) => r[1])).toEqual([200, 200]);
    const rtpAt = (r: Buffer) => r.readUInt32BE(16);
    expect(((rtpAt(reports[1]!) - rtpAt(reports[0]!)) >>> 0) / 90).toBeCloseTo(5100, -1);
  });

  it('ends the session on the drop fault', async () => {
    const { camera, stream, ends, t0 } = await setUp();
    camera.fault = { kind: 'drop', afterSeconds: 2 };
    stream.tick(t0 + 1000);
    expect(ends).toEqual([]);
    stream.tick(t0 + 2000);
    expect(ends).toEqual(['drop']);
  });

  it('ends a session without client activity for its timeout, judged after the input waiting is read', async () => {
    const { stream, ends, t0 } = await setUp(1000);
    stream.tick(t0 + 1500);
    // Timers run before the poll phase: the client's keep-alive may be waiting, read before judging.
    expect(ends).toEqual([]);
    stream.lastActivityMs = t0 + 1500;
    await new Promise((resolve) => setImmediate(resolve));
    expect(ends).toEqual([]);

    stream.tick(t0 + 3000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ends).toEqual(['timeout']);
  });
});
