import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCameraAction } from '../../src/policy/index.ts';
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

  it('REG-08-4: audio with a justification and no zone nearby is accepted', () => {
    const snap = snapshot({ zones: [zone()], cameras: [camera({ audioEnabled: true, audioJustification: '收银台纠纷取证' })] });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([]);
  });

  it('REG-08-4: audio on C2 with a masked view into the toilet is refused', () => {
    const snap = snapshot({ zones: [zone()], cameras: [camera({ headingDeg: 180, masks: [doorWedge], audioEnabled: true, audioJustification: '收银台纠纷取证' })] });
    const blocks = evaluateCameraAction(snap, 'C1', 'REGISTER', AT);
    expect(codes(blocks)).toEqual(['E_AUDIO_NEAR_PROHIBITED_ZONE']);
    expect(blocks[0]).toMatchObject({ article: '8.1(4)', details: { zoneIds: ['Z1'], declaredZoneType: null } });
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
