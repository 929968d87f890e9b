import { describe, expect, it } from 'vitest';
import { accountSide, cameraFromFrames, cameraFromSegments, coveredMs, framesInWindow, framesOfWindowRecorded, stalls } from '../../bench/recorder-accounting.ts';

const w = { fromMs: 10_000, toMs: 40_000 }; // a 30 s window
const fps = 25;
/** 10 s segments of 250 frames from `fromS` to `toS` (seconds). */
const segments = (fromS: number, toS: number) =>
  Array.from({ length: Math.ceil((toS - fromS) / 10) }, (_, i) => ({ startMs: (fromS + i * 10) * 1000, endMs: Math.min(toS, fromS + i * 10 + 10) * 1000, frames: (Math.min(toS, fromS + i * 10 + 10) - fromS - i * 10) * 25 }));

describe('recorder benchmark accounting', () => {
  it('counts the union of segments clipped to the window, overlaps once', () => {
    expect(coveredMs([{ startMs: 0, endMs: 15_000 }, { startMs: 12_000, endMs: 20_000 }, { startMs: 35_000, endMs: 60_000 }], w)).toBe(15_000);
    expect(coveredMs([], w)).toBe(0);
  });

  it('prorates the frames of segments that straddle the window edges', () => {
    expect(framesInWindow([{ startMs: 5000, endMs: 15_000, frames: 250 }], w)).toBe(125);
    expect(framesInWindow(segments(5, 45), w)).toBe(750);
  });

  it('a camera recorded through the window misses nothing; one offline for 8 s misses 8 s', () => {
    expect(cameraFromSegments('a', segments(5, 45), w, fps, 0).secondsMissing).toBe(0);
    const offline = [...segments(5, 20), ...segments(28, 45)];
    expect(cameraFromSegments('b', offline, w, fps, 1).secondsMissing).toBeCloseTo(8, 6);
  });

  it('time a segment spans without its frames (frames dropped at the source) is missing too', () => {
    const thin = [{ startMs: 10_000, endMs: 40_000, frames: 500 }]; // 20 s of frames over 30 s
    expect(cameraFromSegments('c', thin, w, fps, 0).secondsMissing).toBeCloseTo(10, 6);
  });

  it('clean only when every camera is within one fragment and none reconnected', () => {
    const whole = cameraFromSegments('a', segments(5, 45), w, fps, 0);
    const slightlyShort = cameraFromFrames('b', 740, w, fps, 0); // 0.4 s short
    const ok = accountSide([whole, slightlyShort], w, fps, 1);
    expect(ok).toMatchObject({ framesExpected: 1500, framesRecorded: 1490, camerasShort: 0, reconnects: 0, clean: true });

    const short = accountSide([whole, cameraFromFrames('b', 700, w, fps, 0)], w, fps, 1);
    expect(short).toMatchObject({ camerasShort: 1, clean: false, secondsMissing: 2, worstCamera: { cameraId: 'b', secondsMissing: 2 } });

    // A reconnect is unclean even when the camera came back within the fragment.
    const reconnected = accountSide([whole, cameraFromFrames('b', 750, w, fps, 1)], w, fps, 1);
    expect(reconnected).toMatchObject({ camerasShort: 0, reconnects: 1, clean: false });

    expect(accountSide([cameraFromFrames('a', 0, w, fps, 0)], w, fps, 1).clean).toBe(false);
    expect(accountSide([], w, fps, 1).clean).toBe(false);
  });

  it('a frame-counted recorder behind at t1 is not short; every frame it never recorded is put in the window', () => {
    // 750 sent in the window, 1000 over the run, all 1000 written (some after t1): nothing missing.
    expect(framesOfWindowRecorded(750, 1000, 1000)).toBe(750);
    // 60 frames of the run never written: the window is charged with all of them.
    expect(framesOfWindowRecorded(750, 1000, 940)).toBe(690);
    // Exited early: sent nothing more in the window, and recorded fewer than sent over the run.
    expect(framesOfWindowRecorded(0, 300, 250)).toBe(0);
  });

  it('counts each stretch a frame count stood still for the stall time once', () => {
    const samples = [0, 25, 50, 50, 50, 50, 50, 75, 75, 75, 75, 100].map((frames, i) => ({ atMs: i * 1000, frames }));
    expect(stalls(samples, 3000)).toBe(2);
    expect(stalls(samples, 5000)).toBe(0);
    expect(stalls([{ atMs: 0, frames: 0 }], 1000)).toBe(0);
  });
});
