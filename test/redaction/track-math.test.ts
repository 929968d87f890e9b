import { describe, expect, it } from 'vitest';
import type { Track } from '../../src/redaction/model.ts';
import { boxAt, coveredShare, enlarge, iou, maskBoxesAt } from '../../src/redaction/track-math.ts';
import { linkTracks, type Sample } from '../../src/redaction/tracker.ts';

const track: Track = {
  id: 't1',
  kind: 'FACE',
  source: 'MANUAL',
  keyframes: [
    { t: 2, x: 100, y: 50, w: 40, h: 40 },
    { t: 0, x: 0, y: 0, w: 20, h: 20 },
  ],
};

describe('track maths', () => {
  it('interpolates linearly between keyframes, in any keyframe order, and shows nothing outside them', () => {
    expect(boxAt(track, 1)).toEqual({ x: 50, y: 25, w: 30, h: 30 });
    expect(boxAt(track, 0)).toEqual({ x: 0, y: 0, w: 20, h: 20 });
    expect(boxAt(track, 2)).toEqual({ x: 100, y: 50, w: 40, h: 40 });
    expect(boxAt(track, -0.01)).toBeNull();
    expect(boxAt(track, 2.01)).toBeNull();
    expect(boxAt({ keyframes: [] }, 0)).toBeNull();
  });

  it('enlarges a box by the margin on every side and clips it to the frame', () => {
    expect(enlarge({ x: 10, y: 10, w: 40, h: 20 }, 0.25, 100, 100)).toEqual({ x: 0, y: 5, w: 60, h: 30 });
    expect(maskBoxesAt([track], 1, 0.5, 1000, 1000)).toEqual([{ x: 35, y: 10, w: 60, h: 60 }]);
  });

  it('measures exactly how much of a box a union of boxes covers', () => {
    const target = { x: 0, y: 0, w: 10, h: 10 };
    expect(coveredShare(target, [])).toBe(0);
    expect(coveredShare(target, [{ x: -5, y: -5, w: 30, h: 30 }])).toBe(1);
    expect(coveredShare(target, [{ x: 0, y: 0, w: 5, h: 10 }, { x: 3, y: 0, w: 7, h: 10 }])).toBe(1);
    expect(coveredShare(target, [{ x: 0, y: 0, w: 5, h: 5 }, { x: 0, y: 0, w: 5, h: 5 }])).toBeCloseTo(0.25);
    expect(coveredShare(target, [{ x: 5, y: 0, w: 5, h: 10 }, { x: 0, y: 5, w: 10, h: 5 }])).toBeCloseTo(0.75);
    expect(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 0, w: 10, h: 10 })).toBeCloseTo(1 / 3);
  });
});

describe('tracker', () => {
  const samples = (miss: number): Sample[] =>
    [0, 0.2, 0.4, 0.6, 0.8].map((t, i) => ({
      t,
      detections: [
        ...(i === miss ? [] : [{ kind: 'FACE' as const, x: 100 + 250 * t, y: 100, w: 60, h: 60, score: 0.9 }]),
        { kind: 'PLATE' as const, x: 900 - 300 * t, y: 500, w: 120, h: 38, score: 0.8 },
        // A duplicate of the plate, suppressed.
        { kind: 'PLATE' as const, x: 902 - 300 * t, y: 501, w: 118, h: 38, score: 0.5 },
      ],
    }));

  it('links moving detections into one track per object, bridges a missed sample and extends both ends', () => {
    const tracks = linkTracks(samples(2), { extendS: 0.2, durationS: 1, frameW: 1280, frameH: 720 });
    expect(tracks.map((t) => t.kind).sort()).toEqual(['FACE', 'PLATE']);
    const face = tracks.find((t) => t.kind === 'FACE') as Track;
    // Four detections plus one extension after the last (none before t = 0).
    expect(face.keyframes.map((k) => k.t)).toEqual([0, 0.2, 0.6, 0.8, 1]);
    expect(boxAt(face, 0.4)?.x).toBeCloseTo(200);
    // Extended along its velocity: 250 px/s.
    expect(boxAt(face, 1)?.x).toBeCloseTo(350);
    expect(face.source).toBe('AUTO');
  });

  it('starts a new track when a detection is far from every open track', () => {
    const s: Sample[] = [
      { t: 0, detections: [{ kind: 'FACE', x: 0, y: 0, w: 50, h: 50, score: 1 }] },
      { t: 0.2, detections: [{ kind: 'FACE', x: 800, y: 400, w: 50, h: 50, score: 1 }] },
    ];
    expect(linkTracks(s, { extendS: 0.1, durationS: 1, frameW: 1280, frameH: 720 })).toHaveLength(2);
  });
});
