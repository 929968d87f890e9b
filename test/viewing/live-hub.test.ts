import { describe, expect, it } from 'vitest';
import { LiveHub, type LiveChunk, type LiveTap, type LiveViewer } from '../../src/viewing/live-hub.ts';
import { prftBox, prftWallMs } from '../../src/viewing/prft.ts';
import { codecOf, Fmp4Splitter } from '../../web/src/lib/fmp4-stream.ts';

const chunk = (kind: 'init' | 'fragment', id: number, keyframe = false, wallMs = 1000 + id, size = 1): LiveChunk => {
  const data = new Uint8Array(size);
  data[0] = id;
  return { kind, data, wallMs, keyframe };
};

function source() {
  const taps = new Map<string, LiveTap>();
  const changes: string[] = [];
  return {
    taps,
    changes,
    setLiveTap(cameraId: string, tap: LiveTap | null) {
      changes.push(`${cameraId}:${tap ? 'on' : 'off'}`);
      if (tap) taps.set(cameraId, tap);
      else taps.delete(cameraId);
    },
  };
}

/**
 * A viewer's connection: it accepts every write (as a socket does, into its buffer) and answers false
 * once `capacity` bytes wait unsent; `drain()` sends them and tells the hub, as 'drain' does.
 */
class FakeViewer implements LiveViewer {
  readonly got: number[] = [];
  readonly kinds: string[] = [];
  pending = 0;
  maxPending = 0;
  private readonly listeners: (() => void)[] = [];
  constructor(private readonly capacity = Infinity) {}
  write(c: LiveChunk): boolean {
    this.got.push(c.data[0]!);
    this.kinds.push(c.kind);
    this.pending += c.data.length;
    this.maxPending = Math.max(this.maxPending, this.pending);
    return this.pending < this.capacity;
  }
  onDrain(listener: () => void): void {
    this.listeners.push(listener);
  }
  drain(): void {
    this.pending = 0;
    for (const l of this.listeners) l();
  }
}

describe('the live hub', () => {
  it('taps a camera only while someone watches, and starts each viewer at a keyframe', () => {
    const src = source();
    const hub = new LiveHub(src);
    const a = new FakeViewer();
    const offA = hub.subscribe('c1', a).unsubscribe;
    expect(src.changes).toEqual(['c1:on']);
    const tap = src.taps.get('c1')!;
    tap(chunk('fragment', 1));
    tap(chunk('init', 2));
    tap(chunk('fragment', 3));
    tap(chunk('fragment', 4, true));
    tap(chunk('fragment', 5));
    expect(a.got).toEqual([2, 4, 5]);
    // A second viewer starts at once from the newest keyframe.
    const b = new FakeViewer();
    const offB = hub.subscribe('c1', b).unsubscribe;
    expect(b.got).toEqual([2, 4, 5]);
    tap(chunk('init', 6));
    tap(chunk('fragment', 7, true));
    expect(a.got).toEqual([2, 4, 5, 6, 7]);
    offA();
    expect(src.changes).toEqual(['c1:on']);
    offB();
    expect(src.changes).toEqual(['c1:on', 'c1:off']);
    expect(hub.viewers('c1')).toBe(0);
  });

  it('gives every fragment to a viewer whose connection pushes back but keeps up (no fragment lost)', () => {
    const src = source();
    const hub = new LiveHub(src);
    // Full after every write (the old hub took that as "viewer full" and skipped every other fragment).
    const slow = new FakeViewer(1);
    const fast = new FakeViewer();
    const slowStats = hub.subscribe('c1', slow).stats;
    hub.subscribe('c1', fast);
    const tap = src.taps.get('c1')!;
    const expected: number[] = [];
    let id = 0;
    for (let segment = 0; segment < 5; segment++) {
      tap(chunk('init', ++id, false, segment * 1000));
      expected.push(id);
      for (let f = 0; f < 10; f++) {
        tap(chunk('fragment', ++id, f === 0, segment * 1000 + f * 100));
        expected.push(id);
        // The socket sends what it holds a little later, sometimes only after the next fragment (then it
        // drains twice: what waited in the hub's queue goes next).
        if (f % 3 !== 1) {
          slow.drain();
          slow.drain();
        }
      }
    }
    slow.drain();
    expect(fast.got).toEqual(expected);
    expect(slow.got).toEqual(expected);
    expect(slowStats).toEqual({ sent: 50, skips: 0, dropped: 0 });
  });

  it('keeps a bounded queue (time) for a viewer that stalls, then skips it to the next keyframe once drained', () => {
    const src = source();
    const hub = new LiveHub(src, { maxQueueMs: 2000 });
    const stalled = new FakeViewer(2);
    const { stats } = hub.subscribe('c1', stalled);
    const tap = src.taps.get('c1')!;
    tap(chunk('init', 1, false, 0));
    tap(chunk('fragment', 2, true, 0));
    expect(stalled.got).toEqual([1, 2]);
    // Nothing drains for 3 s of fragments (every 200 ms, a keyframe each second).
    for (let i = 1; i <= 15; i++) tap(chunk('fragment', 2 + i, i % 5 === 0, i * 200));
    // Nothing more reached the connection while it was full, and the queue never passed 2 s.
    expect(stalled.got).toEqual([1, 2]);
    expect(stats.skips).toBe(1);
    expect(stats.dropped).toBeGreaterThan(0);
    stalled.drain();
    // Drained: no stale queue is sent; it resumes at the next keyframe, with the init first.
    expect(stalled.got).toEqual([1, 2]);
    tap(chunk('fragment', 18, false, 3200));
    tap(chunk('fragment', 19, false, 3400));
    expect(stalled.got).toEqual([1, 2]);
    stalled.drain();
    tap(chunk('fragment', 20, true, 3600));
    expect(stalled.got).toEqual([1, 2, 1, 20]);
    expect(stalled.kinds.slice(2)).toEqual(['init', 'fragment']);
  });

  it('keeps a bounded queue (bytes) for a viewer that stalls', () => {
    const src = source();
    const hub = new LiveHub(src, { maxQueueBytes: 10_000, maxQueueMs: 60_000 });
    const stalled = new FakeViewer(2);
    const { stats } = hub.subscribe('c1', stalled);
    const tap = src.taps.get('c1')!;
    tap(chunk('init', 1, false, 0));
    tap(chunk('fragment', 2, true, 0, 3000));
    for (let i = 1; i <= 3; i++) tap(chunk('fragment', 2 + i, false, i * 40, 3000));
    expect(stats.skips).toBe(0);
    tap(chunk('fragment', 6, false, 160, 3000));
    expect(stats).toMatchObject({ skips: 1, dropped: 4 });
    // A viewer that drains before the bound is reached gets everything queued, in order.
    const catching = new FakeViewer(1);
    hub.subscribe('c1', catching);
    expect(catching.got).toEqual([1, 2, 3, 4, 5, 6]); // at once from the newest keyframe
    tap(chunk('init', 7, false, 200));
    tap(chunk('fragment', 8, true, 200, 3000));
    tap(chunk('fragment', 9, false, 240, 3000));
    catching.drain();
    expect(catching.got).toEqual([1, 2, 3, 4, 5, 6, 7]);
    tap(chunk('fragment', 10, false, 280, 3000));
    catching.drain();
    expect(catching.got).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    catching.drain();
    catching.drain();
    expect(catching.got).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('the live stream’s boxes', () => {
  const box = (type: string, body: number[] = []) => {
    const b = new Uint8Array(8 + body.length);
    new DataView(b.buffer).setUint32(0, b.length);
    b.set([...type].map((c) => c.charCodeAt(0)), 4);
    b.set(body, 8);
    return b;
  };

  it('round-trips the wall clock through prft, and splits init, stamps and fragments at any chunking', () => {
    const wall = Date.parse('2026-12-02T06:00:00.123Z');
    expect(prftWallMs(prftBox(wall))).toBe(wall);
    const avcC = box('avcC', [1, 0x64, 0x00, 0x28]);
    const stream = Buffer.concat([box('ftyp'), box('moov', [...avcC]), prftBox(wall), box('moof', [1, 2]), box('mdat', [3, 4, 5]), prftBox(wall + 1000), box('moof'), box('mdat')]);
    const splitter = new Fmp4Splitter();
    const pieces = [];
    for (let i = 0; i < stream.length; i += 7) pieces.push(...splitter.push(stream.subarray(i, i + 7)));
    expect(pieces.map((p) => p.kind)).toEqual(['init', 'prft', 'media', 'prft', 'media']);
    expect(pieces[0]).toMatchObject({ codec: 'avc1.640028' });
    expect(pieces[1]).toEqual({ kind: 'prft', wallMs: wall });
    expect((pieces[2] as { data: Uint8Array }).data.length).toBe(10 + 11);
    expect(codecOf(Uint8Array.of(1, 2, 3))).toBeNull();
  });
});
