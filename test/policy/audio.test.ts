import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCameraAction } from '../../src/policy/index.ts';
import { penaltyExposure } from '../../src/policy/cn-order-799/penalties.ts';
import { distanceToZone } from '../../src/policy/cn-order-799/pickup.ts';
import { AT, camera, codes, ofRule, snapshot, zone } from './fixtures.ts';

const doorWedge = [
  { x: 15, y: 5 },
  { x: 10, y: 3 },
  { x: 10, y: 7 },
];

describe('REG-08-4 audio', () => {
  it('REG-08-4: the default camera has audio off and no audio finding', () => {
    expect(camera().audioEnabled).toBe(false);
    expect(ofRule(evaluate(snapshot(), AT), 'REG-08-4')).toEqual([]);
  });

  it('REG-08-4: enabling audio without a justification is refused', () => {
    const snap = snapshot({ cameras: [camera({ audioEnabled: true, audioJustification: '  ' })] });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([
      expect.objectContaining({ code: 'E_AUDIO_JUSTIFICATION_REQUIRED', severity: 'BLOCK', refusal: 'INVALID', gates: ['REGISTER', 'ACTIVATE'] }),
    ]);
  });

  it('REG-08-4: audio with a justification and no zone nearby (6 m from the toilet door, lens away) is accepted', () => {
    const snap = snapshot({ zones: [zone()], cameras: [camera({ position: { x: 16, y: 5 }, audioEnabled: true, audioJustification: '收银台纠纷取证' })] });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([]);
  });

  it('REG-08-4: audio on C2 with a masked view into the toilet is refused', () => {
    const snap = snapshot({ zones: [zone()], cameras: [camera({ headingDeg: 180, masks: [doorWedge], audioEnabled: true, audioJustification: '收银台纠纷取证' })] });
    const blocks = evaluateCameraAction(snap, 'C1', 'REGISTER', AT);
    expect(codes(blocks)).toEqual(['E_AUDIO_NEAR_PROHIBITED_ZONE']);
    expect(blocks[0]).toMatchObject({ article: '8.1(4)', penaltyRef: '27.1', details: { zoneIds: ['Z1'], declaredZoneType: null } });
  });

  it('REG-08-4: audio on a camera inside a zone is refused even when its direction is unknown', () => {
    const snap = snapshot({ zones: [zone()], cameras: [camera({ position: { x: 5, y: 5 }, headingDeg: null, audioEnabled: true, audioJustification: '收银台纠纷取证' })] });
    const audio = ofRule(evaluate(snap, AT), 'REG-08-4');
    expect(audio.map((f) => [f.code, f.details?.zoneIds])).toEqual([['E_AUDIO_NEAR_PROHIBITED_ZONE', ['Z1']]]);
  });

  it('REG-08-4: audio is refused even when a wall stands between the sector and the zone', () => {
    const snap = snapshot({ zones: [zone({ openings: [] })], cameras: [camera({ headingDeg: 180, audioEnabled: true, audioJustification: '收银台纠纷取证' })] });
    expect(codes(evaluateCameraAction(snap, 'C1', 'REGISTER', AT))).toEqual(['E_AUDIO_NEAR_PROHIBITED_ZONE']);
  });
});

describe('REG-08-4 a microphone hears in every direction (pickup radius)', () => {
  const withAudio = (overrides: Parameters<typeof camera>[0]) =>
    snapshot({ zones: [zone()], cameras: [camera({ audioEnabled: true, audioJustification: '收银台纠纷取证', ...overrides })] });

  it('REG-08-4: audio 1.2 m from the toilet entrance, lens turned away, is refused with art. 8.1(4) and the art. 27 ¶1 reference', () => {
    const snap = withAudio({ position: { x: 11.2, y: 5 }, headingDeg: 0 });
    // The lens alone does not see the toilet: no REG-08-3 finding.
    expect(ofRule(evaluate(snap, AT), 'REG-08-3')).toEqual([]);
    const blocks = evaluateCameraAction(snap, 'C1', 'REGISTER', AT);
    expect(codes(blocks)).toEqual(['E_AUDIO_NEAR_PROHIBITED_ZONE']);
    expect(blocks[0]).toMatchObject({
      ruleId: 'REG-08-4',
      severity: 'BLOCK',
      article: '8.1(4)',
      penaltyRef: '27.1',
      details: { zoneIds: ['Z1'], inEarshot: [{ zoneId: 'Z1', distanceM: 1.2 }], pickupRadiusM: 5 },
    });
    expect(blocks[0]!.message.zh).toContain('窃听');
  });

  it('REG-08-4: the same camera 6 m away with the default 5 m radius may record audio', () => {
    const snap = withAudio({ position: { x: 16, y: 5 }, headingDeg: 0 });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([]);
    expect(ofRule(evaluate(snap, AT), 'REG-08-4')).toEqual([]);
  });

  it('REG-08-4: a device whose microphone hears 8 m is refused at 6 m', () => {
    const snap = withAudio({ position: { x: 16, y: 5 }, headingDeg: 0, audioPickupRadiusM: 8 });
    const blocks = evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT);
    expect(blocks.map((f) => [f.code, f.penaltyRef, f.details?.inEarshot])).toEqual([['E_AUDIO_NEAR_PROHIBITED_ZONE', '27.1', [{ zoneId: 'Z1', distanceM: 6 }]]]);
  });

  it('REG-08-4: the radius reaches a zone through a wall and behind the lens, measured to the nearest edge', () => {
    // Behind the zone's west wall (x=0), no door on that side, lens facing west away from it.
    const snap = withAudio({ position: { x: -3, y: 5 }, headingDeg: 180 });
    expect(codes(evaluateCameraAction(snap, 'C1', 'REGISTER', AT))).toEqual(['E_AUDIO_NEAR_PROHIBITED_ZONE']);
    // Audio off: the microphone is not judged.
    expect(ofRule(evaluate(snapshot({ zones: [zone()], cameras: [camera({ position: { x: -3, y: 5 }, headingDeg: 180 })] }), AT), 'REG-08-4')).toEqual([]);
  });

  it('REG-08-4: the exposure report shows the art. 27 ¶1 row for an audio refusal', () => {
    const snap = withAudio({ position: { x: 11.2, y: 5 }, headingDeg: 0, status: 'ACTIVE', activatedAt: '2025-05-01T02:00:00.000Z' });
    const report = penaltyExposure(evaluate(snap, AT), snap.units, snap.sites, AT);
    const row = report.rows.find((r) => r.code === 'E_AUDIO_NEAR_PROHIBITED_ZONE');
    expect(row).toMatchObject({ ruleId: 'REG-08-4', article: '8.1(4)', penaltyRef: '27.1', subject: { type: 'camera', id: 'C1' } });
    expect(row!.maxExposure).toBeGreaterThan(0);
    expect(report.unmapped.filter((u) => u.code === 'E_AUDIO_NEAR_PROHIBITED_ZONE')).toEqual([]);
  });

  it('REG-08-4: distances to a zone: 0 inside, to the nearest edge or door outside', () => {
    expect(distanceToZone({ x: 5, y: 5 }, zone())).toBe(0);
    expect(distanceToZone({ x: 13, y: 5 }, zone())).toBeCloseTo(3);
    expect(distanceToZone({ x: 13, y: 14 }, zone())).toBeCloseTo(5);
  });
});
