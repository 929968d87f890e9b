import { describe, expect, it } from 'vitest';
import { coverageSectors, pointInPolygon, sectorPolygon } from '../../src/policy/cn-order-799/geometry.ts';
import { castIntoZone, sectorsTouchZone, zoneSight } from '../../src/policy/cn-order-799/sight.ts';
import { camera, zone } from './fixtures.ts';

const square = zone().polygon;
const doorWedge = [
  { x: 15, y: 5 },
  { x: 10, y: 3 },
  { x: 10, y: 7 },
];

describe('point in polygon', () => {
  it('tells inside, outside and boundary apart', () => {
    expect(pointInPolygon({ x: 5, y: 5 }, square)).toBe(true);
    expect(pointInPolygon({ x: 15, y: 5 }, square)).toBe(false);
    expect(pointInPolygon({ x: 10, y: 5 }, square)).toBe(true);
    expect(pointInPolygon({ x: 10, y: 5 }, square, true)).toBe(false);
  });

  it('handles a concave polygon (property loop over a grid)', () => {
    const l = [
      { x: 0, y: 0 },
      { x: 4, y: 0 },
      { x: 4, y: 1 },
      { x: 1, y: 1 },
      { x: 1, y: 4 },
      { x: 0, y: 4 },
    ];
    for (let x = -0.75; x < 5; x += 0.5) {
      for (let y = -0.75; y < 5; y += 0.5) {
        const expected = x > 0 && y > 0 && ((x < 4 && y < 1) || (x < 1 && y < 4));
        expect(pointInPolygon({ x, y }, l), `(${x},${y})`).toBe(expected);
      }
    }
  });
});

describe('coverage sectors', () => {
  it('a fixed camera has one sector centred on its heading', () => {
    expect(coverageSectors(camera({ headingDeg: 180 }))).toEqual([{ origin: { x: 15, y: 5 }, startDeg: 135, sweepDeg: 90, rangeM: 20 }]);
  });

  it('a PTZ camera adds the pan sweep at max range and each preset', () => {
    const sectors = coverageSectors(camera({ headingDeg: 90, ptz: { panMinDeg: 90, panMaxDeg: 270, maxRangeM: 30, presets: [{ headingDeg: 300 }] } }));
    expect(sectors).toEqual([
      { origin: { x: 15, y: 5 }, startDeg: 45, sweepDeg: 90, rangeM: 20 },
      { origin: { x: 15, y: 5 }, startDeg: 45, sweepDeg: 270, rangeM: 30 },
      { origin: { x: 15, y: 5 }, startDeg: 255, sweepDeg: 90, rangeM: 30 },
    ]);
  });

  it('an unknown placement has no coverage', () => {
    expect(coverageSectors(camera({ position: null }))).toEqual([]);
    expect(coverageSectors(camera({ headingDeg: null }))).toEqual([]);
  });

  it('the sector polygon starts at the camera and ends on the arc', () => {
    const poly = sectorPolygon({ origin: { x: 0, y: 0 }, startDeg: 0, sweepDeg: 90, rangeM: 10 });
    expect(poly[0]).toEqual({ x: 0, y: 0 });
    expect(poly[1]!.x).toBeCloseTo(10);
    expect(poly.at(-1)!.y).toBeCloseTo(10);
  });
});

describe('sight into a zone', () => {
  it('a ray through the door gets in via the opening; a ray at the wall does not', () => {
    expect(castIntoZone({ x: 15, y: 5 }, 180, 20, zone())).toEqual({ t: 5, via: 'opening' });
    expect(castIntoZone({ x: 15, y: 8 }, 180, 20, zone())).toBeNull();
    expect(castIntoZone({ x: 15, y: 5 }, 180, 4, zone())).toBeNull();
  });

  it('a ray that only grazes a corner does not get in, even next to a transparent edge', () => {
    const glass = zone({ openings: [], transparentEdges: [1] });
    expect(castIntoZone({ x: 12, y: 8 }, 135, 20, glass)).toBeNull();
    expect(castIntoZone({ x: 12, y: 8 }, 170, 20, glass)).toMatchObject({ via: 'transparent_edge' });
  });

  it('REG-08-3: heading 180 from (15,5) sees into Z1 via the door; heading 0 does not', () => {
    expect(zoneSight(coverageSectors(camera({ headingDeg: 180 })), zone(), [])).toEqual({ seen: true, unmasked: true, via: 'opening' });
    expect(zoneSight(coverageSectors(camera({ headingDeg: 0 })), zone(), [])).toEqual({ seen: false, unmasked: false, via: null });
  });

  it('REG-08-3: a mask over the door-facing wedge hides every sight line', () => {
    expect(zoneSight(coverageSectors(camera({ headingDeg: 180 })), zone(), [doorWedge])).toEqual({ seen: true, unmasked: false, via: 'opening' });
  });

  it('a mask that covers only half the door leaves the view unmasked', () => {
    const half = [
      { x: 15, y: 5 },
      { x: 10, y: 5 },
      { x: 10, y: 7 },
    ];
    expect(zoneSight(coverageSectors(camera({ headingDeg: 180 })), zone(), [half]).unmasked).toBe(true);
  });

  it('a mask drawn over the zone itself hides the view', () => {
    expect(zoneSight(coverageSectors(camera({ headingDeg: 180 })), zone(), [square]).unmasked).toBe(false);
  });

  it('walls block: no openings and no transparent edges means no view, wherever the camera looks', () => {
    const walled = zone({ openings: [] });
    for (let heading = 0; heading < 360; heading += 15) {
      expect(zoneSight(coverageSectors(camera({ headingDeg: heading })), walled, []).seen).toBe(false);
    }
  });

  it('a transparent edge lets the view in', () => {
    const glass = zone({ openings: [], transparentEdges: [1] });
    expect(zoneSight(coverageSectors(camera({ position: { x: 15, y: 8 }, headingDeg: 180 })), glass, [])).toMatchObject({ unmasked: true, via: 'transparent_edge' });
  });

  it('a door narrower than the sampling step is still found', () => {
    const slit = zone({ openings: [{ from: { x: 10, y: 4.999 }, to: { x: 10, y: 5.001 } }] });
    expect(zoneSight(coverageSectors(camera({ position: { x: 15, y: 7.3 }, headingDeg: 200, rangeM: 30 })), slit, []).unmasked).toBe(true);
  });

  it('out of range means not seen', () => {
    expect(zoneSight(coverageSectors(camera({ headingDeg: 180, rangeM: 4.5 })), zone(), []).seen).toBe(false);
  });

  it('PTZ: the pan sweep 90–270 sees the door though the current heading (90) does not', () => {
    const ptz = camera({ deviceType: 'PTZ', headingDeg: 90, ptz: { panMinDeg: 90, panMaxDeg: 270, maxRangeM: 20, presets: [] } });
    expect(zoneSight(coverageSectors(ptz), zone(), []).unmasked).toBe(true);
    expect(zoneSight(coverageSectors(camera({ headingDeg: 90 })), zone(), []).seen).toBe(false);
  });

  it('touching ignores walls and masks, but not range or direction', () => {
    expect(sectorsTouchZone(coverageSectors(camera({ headingDeg: 180 })), zone({ openings: [] }))).toBe(true);
    expect(sectorsTouchZone(coverageSectors(camera({ headingDeg: 0 })), zone())).toBe(false);
    expect(sectorsTouchZone(coverageSectors(camera({ headingDeg: 180, rangeM: 4 })), zone())).toBe(false);
  });
});
