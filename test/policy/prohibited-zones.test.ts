import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCameraAction } from '../../src/policy/index.ts';
import { AT, camera, codes, ofRule, snapshot, zone } from './fixtures.ts';

const doorWedge = [
  { x: 15, y: 5 },
  { x: 10, y: 3 },
  { x: 10, y: 7 },
];

describe('REG-08-2 camera mounted inside a prohibited zone', () => {
  it('REG-08-2: a camera at (5,5) inside a toilet zone is blocked with 8.1(3)', () => {
    const snap = snapshot({ zones: [zone()], cameras: [camera({ position: { x: 5, y: 5 } })] });
    const blocks = evaluateCameraAction(snap, 'C1', 'REGISTER', AT);
    expect(blocks).toEqual([
      expect.objectContaining({
        ruleId: 'REG-08-2',
        code: 'E_PROHIBITED_ZONE',
        article: '8.1(3)',
        severity: 'BLOCK',
        penaltyRef: '27.1',
        refusal: 'INVALID',
        gates: ['REGISTER', 'ACTIVATE'],
        details: { zoneId: 'Z1', zoneType: 'Z8_3_TOILET' },
      }),
    ]);
    expect(blocks[0]!.message.zh).toContain('第八条第一款第(三)项');
    expect(blocks[0]!.message.zh).toContain('卫生间');
    expect(codes(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT))).toContain('E_PROHIBITED_ZONE');
  });

  it('REG-08-2: a camera at (15,5) is accepted', () => {
    const snap = snapshot({ zones: [zone()] });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([]);
    expect(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT)).toEqual([]);
  });

  it('REG-08-2: a camera declared as mounted in a fitting room is blocked even with no zone drawn', () => {
    const [f] = ofRule(evaluate(snapshot({ cameras: [camera({ zoneType: 'Z8_3_FITTING_ROOM' })] }), AT), 'REG-08-2');
    expect(f).toMatchObject({ code: 'E_PROHIBITED_ZONE', article: '8.1(3)', details: { zoneType: 'Z8_3_FITTING_ROOM', declared: true } });
    expect(f!.message.zh).toBe('摄像机位于第八条第一款第(三)项禁止安装区域(试衣间)内,不得安装或启用');
  });

  it('REG-08-2: an item (4) zone cites 8.1(4), an item (1) zone 8.1(1)', () => {
    const other = snapshot({ zones: [zone({ zoneType: 'Z8_4_OTHER_PRIVATE', description: '员工哺乳间外的休息隔间' })], cameras: [camera({ position: { x: 5, y: 5 } })] });
    expect(ofRule(evaluate(other, AT), 'REG-08-2')[0]!.article).toBe('8.1(4)');
    const room = snapshot({ zones: [zone({ zoneType: 'Z8_1_PRIVATE_ROOM' })], cameras: [camera({ position: { x: 5, y: 5 } })] });
    expect(ofRule(evaluate(room, AT), 'REG-08-2')[0]!.article).toBe('8.1(1)');
  });

  it('REG-08-2: an inactive zone or a zone on another site does not count', () => {
    const inactive = snapshot({ zones: [zone({ active: false })], cameras: [camera({ position: { x: 5, y: 5 } })] });
    expect(ofRule(evaluate(inactive, AT), 'REG-08-2')).toEqual([]);
    const elsewhere = snapshot({ zones: [zone({ siteId: 'S2' })], cameras: [camera({ position: { x: 5, y: 5 } })] });
    expect(ofRule(evaluate(elsewhere, AT), 'REG-08-2')).toEqual([]);
  });

  it('REG-08-2: the block holds on an A9 site too (no override)', () => {
    const snap = snapshot({
      sites: [{ ...snapshot().sites[0]!, placeCategory: 'A9_OTHER_PUBLIC', securityObligation: { partyUnitId: 'U1', basis: 'OPERATOR', documentRef: '租赁合同' } }],
      zones: [zone()],
      cameras: [camera({ position: { x: 5, y: 5 }, signageOverrideReason: '临时' })],
    });
    expect(codes(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT))).toEqual(['E_PROHIBITED_ZONE']);
  });
});

describe('REG-08-3 field of view into a prohibited zone', () => {
  it('REG-08-3: C2 at (15,5), heading 180°, hfov 90°, range 20 is refused via the opening', () => {
    const snap = snapshot({ zones: [zone()], cameras: [camera({ headingDeg: 180 })] });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([
      expect.objectContaining({
        ruleId: 'REG-08-3',
        code: 'E_FOV_INTO_PROHIBITED_ZONE',
        severity: 'BLOCK',
        refusal: 'INVALID',
        penaltyRef: '27.1',
        gates: ['REGISTER', 'ACTIVATE'],
        details: { zoneId: 'Z1', zoneType: 'Z8_3_TOILET', via: 'opening' },
      }),
    ]);
  });

  it('REG-08-3: C2 with heading 0° is accepted', () => {
    const snap = snapshot({ zones: [zone()], cameras: [camera({ headingDeg: 0 })] });
    expect(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT)).toEqual([]);
    expect(ofRule(evaluate(snap, AT), 'REG-08-3')).toEqual([]);
  });

  it('REG-08-3: C2 at 180° with a mask over the door-facing wedge is accepted with INFO MASKED_PRIVACY_VIEW', () => {
    const snap = snapshot({ zones: [zone()], cameras: [camera({ headingDeg: 180, masks: [doorWedge] })] });
    expect(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT)).toEqual([]);
    expect(ofRule(evaluate(snap, AT), 'REG-08-3')).toEqual([
      expect.objectContaining({ code: 'MASKED_PRIVACY_VIEW', severity: 'INFO', details: { zoneId: 'Z1', zoneType: 'Z8_3_TOILET', via: 'opening', maskLocked: true } }),
    ]);
  });

  it('REG-08-3: a PTZ camera at (15,5) with pan 90°–270° is blocked even though its heading is 90°', () => {
    const ptz = camera({ deviceType: 'PTZ', headingDeg: 90, ptz: { panMinDeg: 90, panMaxDeg: 270, maxRangeM: 20, presets: [] } });
    const blocks = evaluateCameraAction(snapshot({ zones: [zone()], cameras: [ptz] }), 'C1', 'REGISTER', AT);
    expect(blocks.map((f) => [f.code, f.details?.via])).toEqual([['E_FOV_INTO_PROHIBITED_ZONE', 'opening']]);
    const fixed = evaluateCameraAction(snapshot({ zones: [zone()], cameras: [camera({ headingDeg: 90 })] }), 'C1', 'REGISTER', AT);
    expect(fixed).toEqual([]);
  });

  it('REG-08-3: a PTZ preset pointing at the door is blocked even when the pan range is elsewhere', () => {
    const ptz = camera({ deviceType: 'PTZ', headingDeg: 0, ptz: { panMinDeg: -30, panMaxDeg: 30, maxRangeM: 20, presets: [{ headingDeg: 180 }] } });
    expect(codes(evaluateCameraAction(snapshot({ zones: [zone()], cameras: [ptz] }), 'C1', 'REGISTER', AT))).toEqual(['E_FOV_INTO_PROHIBITED_ZONE']);
  });

  it('REG-08-3: a view through a glass wall is blocked with via transparent_edge', () => {
    const snap = snapshot({ zones: [zone({ openings: [], transparentEdges: [1] })], cameras: [camera({ position: { x: 15, y: 8 }, headingDeg: 180 })] });
    expect(ofRule(evaluate(snap, AT), 'REG-08-3')[0]).toMatchObject({ code: 'E_FOV_INTO_PROHIBITED_ZONE', details: { via: 'transparent_edge' } });
  });
});
