/** The simulator's spans of frames not sent, in wall time: a congested client, a stall, its own late pacer. */
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_DROP_SPANS, makeCamera, openDropSpan } from '../../src/media/simulator/camera.ts';
import { DEFAULT_CLIPS, loadClip } from '../../src/media/simulator/clip.ts';
import { MediaStream } from '../../src/media/simulator/stream.ts';

/** Wall clock of the test's start: each tick at t0 + ms happens at WALL + ms. */
const WALL = Date.parse('2026-03-01T10:00:00Z');

async function setUp() {
  // The default clip: 25 fps, a keyframe every 50 frames.
  const camera = makeCamera(1, await loadClip(DEFAULT_CLIPS.h264, 'h264'));
  const socket = { writableLength: 0, writes: 0, write: () => (socket.writes++, true) };
  const stream = new MediaStream(camera, { kind: 'tcp', socket: socket as unknown as Socket, channel: 0 }, {
    sequence: 0,
    timestampBase: 0,
    ssrc: 1,
    cname: 'test',
    maxBufferedBytes: 100_000,
    sessionTimeoutMs: 0,
    onEnd: () => undefined,
  });
  const t0 = performance.now();
  const tickAt = (ms: number) => {
    vi.setSystemTime(WALL + ms);
    stream.tick(t0 + ms);
  };
  return { camera, socket, tickAt };
}

describe('simulator drop spans', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('makes one span of a congested client and the keyframe wait after it, closed by the next frame sent', async () => {
    const { camera, socket, tickAt } = await setUp();
    tickAt(400);
    expect(camera.stats.dropSpans).toEqual([]);
    socket.writableLength = 1_000_000;
    tickAt(800);
    expect(camera.stats.dropSpans).toEqual([{ fromMs: WALL + 800, toMs: null, frames: 10 }]);
    socket.writableLength = 0;
    tickAt(1900);
    expect(camera.stats.dropSpans).toEqual([{ fromMs: WALL + 800, toMs: null, frames: 10 + 27 }]);
    tickAt(2000);
    expect(camera.stats.dropSpans).toEqual([{ fromMs: WALL + 800, toMs: WALL + 2000, frames: 50 - 11 }]);
    expect(camera.stats.framesDropped).toBe(50 - 11);

    socket.writableLength = 1_000_000;
    tickAt(2200);
    socket.writableLength = 0;
    tickAt(4000);
    expect(camera.stats.dropSpans).toHaveLength(2);
    expect(camera.stats.dropSpans[1]).toEqual({ fromMs: WALL + 2200, toMs: WALL + 4000, frames: 49 });
  });

  it('makes a span of a stall fault, from its first frame not sent to the keyframe after it', async () => {
    const { camera, tickAt } = await setUp();
    tickAt(400);
    camera.fault = { kind: 'stall' };
    tickAt(600);
    tickAt(1000);
    expect(camera.stats.dropSpans).toEqual([{ fromMs: WALL + 600, toMs: null, frames: 15 }]);
    camera.fault = null;
    tickAt(2000);
    expect(camera.stats.dropSpans).toEqual([{ fromMs: WALL + 600, toMs: WALL + 2000, frames: 50 - 11 }]);
  });

  it('makes a span of the frames skipped when its own pacer was late, from when the first was due', async () => {
    const { camera, tickAt } = await setUp();
    tickAt(0);
    tickAt(3000);
    expect(camera.stats.dropSpans).toEqual([{ fromMs: WALL + 40, toMs: null, frames: 75 }]);
    tickAt(4000);
    expect(camera.stats.dropSpans).toEqual([{ fromMs: WALL + 40, toMs: WALL + 4000, frames: 99 }]);
    expect(camera.stats.framesDropped).toBe(99);
  });

  it(`keeps the newest ${MAX_DROP_SPANS} spans`, async () => {
    const camera = makeCamera(1, await loadClip(DEFAULT_CLIPS.h264, 'h264'));
    for (let i = 0; i < MAX_DROP_SPANS + 5; i++) openDropSpan(camera.stats, i);
    expect(camera.stats.dropSpans).toHaveLength(MAX_DROP_SPANS);
    expect(camera.stats.dropSpans[0]?.fromMs).toBe(5);
    expect(camera.stats.dropSpans.at(-1)?.fromMs).toBe(MAX_DROP_SPANS + 4);
  });
});
