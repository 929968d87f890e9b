/** The site plan's geometry: the same verdict as the policy pack, and the plan's own helpers. */
import { describe, expect, it } from 'vitest';
import { aimAt, conflictsOf, coneShapes, doorOnEdge, headingHandle, refused, scaleFromTwoPoints, type PlanZone } from '../../web/src/plan/plan-geometry.ts';
import { evaluate } from '../../src/policy/index.ts';
import { camera as cameraFixture, snapshot, zone as zoneFixture } from '../policy/fixtures.ts';

/** A fitting room (10,0)–(14,4), its west side (edge 3, x=10) glass. */
const ROOM: PlanZone = {
  id: 'Z1',
  name: '试衣间',
  zoneType: 'Z8_3_FITTING_ROOM',
  polygon: [
    { x: 10, y: 0 },
    { x: 14, y: 0 },
    { x: 14, y: 4 },
    { x: 10, y: 4 },
  ],
  transparentEdges: [3],
  openings: [],
};
const placed = (over: Partial<Parameters<typeof conflictsOf>[0]> = {}) => ({ position: { x: 2, y: 2 }, headingDeg: 0, hfovDeg: 60, rangeM: 12, ptz: null, masks: [], ...over });

describe('site plan geometry', () => {
  it('a cone through a glass side into a fitting room conflicts with art. 8.1(4), as the policy cites it; turned away it does not', () => {
    const looking = conflictsOf(placed(), [ROOM]);
    expect(looking).toEqual([{ zoneId: 'Z1', zoneName: '试衣间', kind: 'sees', article: '8.1(4)', masked: false }]);
    expect(refused(looking)).toBe(true);
    expect(conflictsOf(placed({ headingDeg: 180 }), [ROOM])).toEqual([]);
    // Too short to reach the glass at x = 10.
    expect(conflictsOf(placed({ rangeM: 7 }), [ROOM])).toEqual([]);
  });

  it('walls stop the view: the same room with no glass and no door is not seen', () => {
    expect(conflictsOf(placed(), [{ ...ROOM, transparentEdges: [] }])).toEqual([]);
    const door = doorOnEdge(ROOM.polygon, 3);
    expect(door).toEqual({ from: { x: 10, y: 2.45 }, to: { x: 10, y: 1.55 } });
    expect(conflictsOf(placed(), [{ ...ROOM, transparentEdges: [], openings: [door] }]).map((c) => c.kind)).toEqual(['sees']);
  });

  it('a camera inside the zone conflicts as mounted there', () => {
    expect(conflictsOf(placed({ position: { x: 12, y: 2 } }), [ROOM])).toEqual([{ zoneId: 'Z1', zoneName: '试衣间', kind: 'inside', article: '8.1(3)', masked: false }]);
  });

  it('a PTZ sweep that reaches the room conflicts even while the camera looks away', () => {
    const ptz = { panMinDeg: -90, panMaxDeg: 90, maxRangeM: 12, presets: [] };
    expect(refused(conflictsOf(placed({ headingDeg: 180, ptz }), [ROOM]))).toBe(true);
    expect(coneShapes(placed({ headingDeg: 180, ptz }))).toHaveLength(2);
  });

  it('agrees with the policy pack on the same snapshot (REG-08-3)', () => {
    for (const headingDeg of [0, 30, 90, 180, 270]) {
      const cam = cameraFixture({ id: 'C1', siteId: 'S1', position: { x: 2, y: 2 }, headingDeg, hfovDeg: 60, rangeM: 12, ptz: null, masks: [], zoneType: null });
      const findings = evaluate(snapshot({ cameras: [cam], zones: [zoneFixture({ ...ROOM, siteId: 'S1' })] }), new Date('2025-06-01T00:00:00Z'));
      const policy = findings.some((f) => f.code === 'E_FOV_INTO_PROHIBITED_ZONE');
      expect(refused(conflictsOf(cam, [ROOM])), `heading ${headingDeg}`).toBe(policy);
    }
  });

  it('aims from the handle, scales from two points, and puts the handle at the range', () => {
    expect(aimAt({ x: 0, y: 0 }, { x: 0, y: 5 })).toEqual({ headingDeg: 90, rangeM: 5 });
    expect(aimAt({ x: 1, y: 1 }, { x: 0, y: 1 })).toEqual({ headingDeg: 180, rangeM: 1 });
    expect(scaleFromTwoPoints({ x: 0, y: 0 }, { x: 3, y: 4 }, 0.1, 10)).toBeCloseTo(0.2);
    expect(() => scaleFromTwoPoints({ x: 0, y: 0 }, { x: 0, y: 0 }, 0.1, 10)).toThrow();
    const handle = headingHandle(placed({ headingDeg: 90, rangeM: 8 }))!;
    expect(handle.x).toBeCloseTo(2);
    expect(handle.y).toBeCloseTo(10);
  });
});
