import { describe, expect, it } from 'vitest';
import { LiveHub, type LiveChunk, type LiveTap } from '../../src/viewing/live-hub.ts';
import { prftBox, prftWallMs } from '../../src/viewing/prft.ts';
import { codecOf, Fmp4Splitter } from '../../web/src/lib/fmp4-stream.ts';

const chunk = (kind: 'init' | 'fragment', id: number, keyframe = false): LiveChunk => ({ kind, data: Uint8Array.of(id), wallMs: 1000 + id, keyframe });

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

describe('the live hub', () => {
  it('taps a camera only while someone watches, and starts each viewer at a keyframe', () => {
    const src = source();
    const hub = new LiveHub(src);
    const a: number[] = [];
    const offA = hub.subscribe('c1', (c) => a.push(c.data[0]!) > 0);
    expect(src.changes).toEqual(['c1:on']);
    const tap = src.taps.get('c1')!;
    tap(chunk('fragment', 1));
    tap(chunk('init', 2));
    tap(chunk('fragment', 3));
    tap(chunk('fragment', 4, true));
    tap(chunk('fragment', 5));
    expect(a).toEqual([2, 4, 5]);
    // A second viewer starts at once from the newest keyframe.
    const b: number[] = [];
    const offB = hub.subscribe('c1', (c) => b.push(c.data[0]!) > 0);
    expect(b).toEqual([2, 4, 5]);
    tap(chunk('init', 6));
    tap(chunk('fragment', 7, true));
    expect(a).toEqual([2, 4, 5, 6, 7]);
    offA();
    expect(src.changes).toEqual(['c1:on']);
    offB();
    expect(src.changes).toEqual(['c1:on', 'c1:off']);
    expect(hub.viewers('c1')).toBe(0);
  });

  it('lets a viewer that cannot keep up skip to the next keyframe', () => {
    const src = source();
    const hub = new LiveHub(src);
    const got: number[] = [];
    let full = false;
    hub.subscribe('c1', (c) => {
      got.push(c.data[0]!);
      return !full;
    });
    const tap = src.taps.get('c1')!;
    tap(chunk('init', 1));
    tap(chunk('fragment', 2, true));
    full = true;
    tap(chunk('fragment', 3));
    full = false;
    tap(chunk('fragment', 4));
    tap(chunk('fragment', 5, true));
    expect(got).toEqual([1, 2, 3, 1, 5]);
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
