import { describe, expect, it } from 'vitest';
import { PLACE_CATEGORIES, ZONE_TYPES } from '../../src/registry/enums.ts';
import { cameraScope, placeCategories, validatePlaceCategory, zoneTypes } from '../../src/policy/index.ts';
import { site } from './fixtures.ts';

describe('place categories and zone types', () => {
  it('REG-07-1: meta lists exactly the 7 categories, each with its article and the statute’s Chinese list', () => {
    const cats = placeCategories();
    expect(cats.map((c) => c.id)).toEqual([...PLACE_CATEGORIES]);
    expect(cats.map((c) => c.article)).toEqual(['7.1', '7.2(1)', '7.2(2)', '7.2(3)', '7.2(4)', '9', '33']);
    const hub = cats.find((c) => c.id === 'A7_2_2_TRANSPORT_HUB')!;
    expect(hub.statuteText).toBe('出境入境口岸(通道)、机场、港口客运站、通航建筑物、铁路客运站、汽车客运站、城市轨道交通站等交通枢纽');
    for (const c of cats) {
      expect(c.label.zh.length).toBeGreaterThan(0);
      expect(c.label.en.length).toBeGreaterThan(0);
      expect(c.subtypes).toContain('其他');
    }
  });

  it('REG-07-1: the 7.2(3) vehicle category carries the local note excluding ride-hailing cars and taxis as data', () => {
    const vehicles = placeCategories().find((c) => c.id === 'A7_2_3_PUBLIC_VEHICLE')!;
    expect(vehicles.localNotes.some((n) => n.zh.includes('网约车、出租车'))).toBe(true);
    expect(vehicles.subtypes).not.toContain('出租车');
  });

  it('REG-07-1: an unknown or missing category is refused', () => {
    expect(validatePlaceCategory('A7_2_9')).toBe('E_CATEGORY_UNKNOWN');
    expect(validatePlaceCategory(null)).toBe('E_CATEGORY_REQUIRED');
    expect(validatePlaceCategory('A9_OTHER_PUBLIC')).toBeNull();
  });

  it('REG-08-1: meta lists the 10 zone types with their item of art. 8.1 and Chinese text', () => {
    const zones = zoneTypes();
    expect(zones.map((z) => z.id)).toEqual([...ZONE_TYPES]);
    expect(Object.fromEntries(zones.map((z) => [z.id, z.article]))).toEqual({
      Z8_1_LODGING_ROOM: '8.1(1)',
      Z8_1_PRIVATE_ROOM: '8.1(1)',
      Z8_2_STUDENT_DORM: '8.1(2)',
      Z8_2_STAFF_LODGING_REST: '8.1(2)',
      Z8_3_BATHHOUSE: '8.1(3)',
      Z8_3_TOILET: '8.1(3)',
      Z8_3_CHANGING_ROOM: '8.1(3)',
      Z8_3_NURSING_ROOM: '8.1(3)',
      Z8_3_FITTING_ROOM: '8.1(3)',
      Z8_4_OTHER_PRIVATE: '8.1(4)',
    });
    expect(zones.find((z) => z.id === 'Z8_1_PRIVATE_ROOM')!.statuteText).toContain('包间内部');
    expect(zones.find((z) => z.id === 'Z8_3_FITTING_ROOM')!.statuteText).toBe('公共的试衣间的内部');
    expect(zones.filter((z) => z.requiresDescription).map((z) => z.id)).toEqual(['Z8_4_OTHER_PRIVATE']);
  });

  it('meta is a copy: changing the result does not change the pack', () => {
    placeCategories()[0]!.subtypes.push('篡改');
    expect(placeCategories()[0]!.subtypes).not.toContain('篡改');
  });
});

describe('scope', () => {
  it('REG-02-1: cameras on A7 and A9 sites are PSVS, on A33 sites NON_PUBLIC', () => {
    expect(cameraScope(site({ placeCategory: 'A7_1_GOV_INFRA' }))).toBe('PSVS');
    expect(cameraScope(site({ placeCategory: 'A9_OTHER_PUBLIC' }))).toBe('PSVS');
    expect(cameraScope(site({ placeCategory: 'A33_NON_PUBLIC' }))).toBe('NON_PUBLIC');
  });
});
