import { describe, expect, it } from 'vitest';
import { keyframeAt, moved, onFrame, rectBetween, scaleOf, toFrame, toScreen } from '../../web/src/disclosure/release/track-math.ts';

const track = [
  { t: 1, x: 0, y: 0, w: 10, h: 10 },
  { t: 3, x: 100, y: 50, w: 30, h: 10 },
];

describe('release editor geometry', () => {
  it('puts keyframes on frames', () => {
    expect(onFrame(1.013, 25)).toBe(1);
    expect(onFrame(1.03, 25)).toBe(1.04);
    expect(onFrame(-0.01, 25)).toBe(0);
  });

  it('finds a keyframe within half a frame, draws rectangles either way and keeps moved boxes inside the frame', () => {
    expect(keyframeAt(track, 3.01)?.t).toBe(3);
    expect(keyframeAt(track, 2)).toBeUndefined();
    expect(rectBetween({ x: 50, y: 40 }, { x: 10, y: 60 })).toEqual({ x: 10, y: 40, w: 40, h: 20 });
    expect(moved({ x: 10, y: 10, w: 20, h: 20 }, 1000, -50, { width: 640, height: 360 })).toEqual({ x: 620, y: 0, w: 20, h: 20 });
  });

  it('scales between the frame and the element it is shown in', () => {
    const scale = scaleOf(1280, 640);
    expect(scale).toBe(0.5);
    expect(toFrame({ x: 10, y: 20, w: 30, h: 40 }, scale)).toEqual({ x: 20, y: 40, w: 60, h: 80 });
    expect(toScreen({ x: 20, y: 40, w: 60, h: 80 }, scale)).toEqual({ x: 10, y: 20, w: 30, h: 40 });
  });
});
