/**
 * The tamper detector on synthetic frames (art. 23(2)): features, the learned reference, hysteresis,
 * sensitivity, and no alarm on what a camera does by itself (gain, IR switch, lights, a passer-by).
 */
import { describe, expect, it } from 'vitest';
import { TamperDetector, type DetectorChange } from '../../src/analytics/tamper/detector.ts';
import { frameFeatures, structureMap, structureMatch } from '../../src/analytics/tamper/frame-features.ts';
import type { TamperSensitivity } from '../../src/analytics/tamper/tamper-model.ts';
import { blur, map, passerBy, scene, solid } from './tamper-frames.ts';

/** A detector that learned the scene over 10 s at 1 frame a second; frame times in ms. */
function learned(sensitivity: TamperSensitivity = 'MEDIUM'): { detector: TamperDetector; t: number } {
  const detector = new TamperDetector({ sensitivity });
  let learnedNow = false;
  for (let i = 0; i < 10; i++) learnedNow = detector.push(scene(i), i * 1000).learned !== undefined || learnedNow;
  expect(learnedNow).toBe(true);
  return { detector, t: 10_000 };
}

/** Pushes frames one a second from `t`; returns the changes with the second (from t) they came at. */
function feed(detector: TamperDetector, t: number, frames: (Uint8Array | null)[]): { second: number; change: DetectorChange }[] {
  const out: { second: number; change: DetectorChange }[] = [];
  frames.forEach((frame, i) => {
    for (const change of detector.push(frame, t + i * 1000).changes) out.push({ second: i + 1, change });
  });
  return out;
}

const times = (n: number, make: (i: number) => Uint8Array | null) => Array.from({ length: n }, (_, i) => make(i));

describe('tamper detector', () => {
  it('measures brightness, contrast, flat blocks and sharpness, with sharpness independent of gain', () => {
    const f = frameFeatures(scene(1));
    expect(f.std).toBeGreaterThan(20);
    expect(f.flatShare).toBeLessThan(0.5);
    const dim = frameFeatures(map(scene(1), (v) => v * 0.5));
    expect(dim.sharpness / f.sharpness).toBeGreaterThan(0.8);
    expect(frameFeatures(solid(0)).flatShare).toBe(1);
    expect(structureMatch(structureMap(scene(1)), structureMap(scene(2)))).toBeGreaterThan(0.8);
    expect(structureMatch(structureMap(scene(1)), structureMap(scene(2, { shift: 0.4 })))).toBeLessThan(0.3);
  });

  it('REG-23-2 (1): black frames after a normal reference raise TAMPER_OCCLUSION within 5 s, and it ends when the view comes back', () => {
    const { detector, t } = learned();
    const changes = feed(detector, t, [...times(5, () => solid(0)), ...times(4, (i) => scene(20 + i))]);
    expect(changes.map((c) => [c.change.kind, c.change.state, c.second])).toEqual([
      ['TAMPER_OCCLUSION', 'onset', 3],
      ['TAMPER_OCCLUSION', 'cleared', 8],
    ]);
    expect(changes[0]!.change.details).toMatchObject({ flatShare: 1, mean: 0 });
  });

  it('REG-23-2 (2): a view shifted by 40 % raises TAMPER_SCENE_CHANGE', () => {
    const { detector, t } = learned();
    const changes = feed(detector, t, times(5, (i) => scene(30 + i, { shift: 0.4 })));
    expect(changes.map((c) => [c.change.kind, c.change.state, c.second])).toEqual([['TAMPER_SCENE_CHANGE', 'onset', 3]]);
    expect(Number(changes[0]!.change.details.structureMatch)).toBeLessThan(0.3);
  });

  it('REG-23-2: a defocused lens raises TAMPER_DEFOCUS, a sprayed one TAMPER_LOW_DETAIL, a blue "no video" picture or undecodable keyframes TAMPER_SIGNAL_LOST', () => {
    const cases: [string, (i: number) => Uint8Array | null][] = [
      ['TAMPER_DEFOCUS', (i) => blur(scene(40 + i), 3)],
      ['TAMPER_LOW_DETAIL', (i) => map(blur(scene(40 + i), 2), (v) => 200 + (v - 128) * 0.25)],
      ['TAMPER_SIGNAL_LOST', () => solid(29)],
      ['TAMPER_SIGNAL_LOST', () => null],
    ];
    for (const [kind, make] of cases) {
      const { detector, t } = learned();
      const changes = feed(detector, t, times(4, make));
      expect(changes.map((c) => [c.change.kind, c.second]), kind).toEqual([[kind, 3]]);
    }
  });

  it('REG-23-2: no alarm on gain, an IR switch (brightness and contrast jump), lights on and off, or a passer-by of 2 s', () => {
    const { detector, t } = learned();
    const frames = [
      ...times(5, (i) => map(scene(50 + i), (v) => v * 0.45)),
      ...times(5, (i) => map(scene(60 + i), (v) => 40 + (v - 100) * 1.3)),
      ...times(5, (i) => map(scene(70 + i), (v) => v + 45)),
      ...times(2, (i) => passerBy(scene(80 + i))),
      ...times(5, (i) => scene(90 + i)),
    ];
    expect(feed(detector, t, frames)).toEqual([]);
  });

  it('sensitivity: LOW waits for a fourth frame and needs a deeper loss of sharpness; HIGH alarms on a milder blur', () => {
    const low = learned('LOW');
    expect(feed(low.detector, low.t, times(4, () => solid(0))).map((c) => c.second)).toEqual([4]);
    const mild = (i: number) => blur(scene(100 + i), 1);
    const medium = learned('MEDIUM');
    const high = learned('HIGH');
    const mediumChanges = feed(medium.detector, medium.t, times(4, mild));
    const highChanges = feed(high.detector, high.t, times(4, mild));
    expect(highChanges.length).toBeGreaterThanOrEqual(mediumChanges.length);
    expect(highChanges.map((c) => c.change.kind)).toContain('TAMPER_DEFOCUS');
  });

  it('does not learn a covered scene, and a re-learn ends what is open and learns the new view', () => {
    const detector = new TamperDetector({ sensitivity: 'MEDIUM' });
    const during = feed(detector, 0, times(12, () => solid(0)));
    expect(detector.reference).toBeUndefined();
    expect(during.map((c) => c.change.kind)).toEqual(['TAMPER_OCCLUSION']);
    expect(detector.relearn(12_000).map((c) => [c.kind, c.state])).toEqual([['TAMPER_OCCLUSION', 'cleared']]);
    const moved = (i: number) => scene(200 + i, { shift: 0.4 });
    expect(feed(detector, 13_000, times(15, moved))).toEqual([]);
    expect(detector.reference?.frames).toBe(10);
  });

  it('starts from a stored reference: a restart does not learn a tampered scene', () => {
    const { detector } = learned();
    const restarted = new TamperDetector({ sensitivity: 'MEDIUM', reference: detector.reference });
    expect(feed(restarted, 0, times(3, (i) => scene(i, { shift: 0.4 }))).map((c) => c.change.kind)).toEqual(['TAMPER_SCENE_CHANGE']);
  });
});
