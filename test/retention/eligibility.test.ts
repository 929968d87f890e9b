/** The pure parts: eligibility (REG-17-2, AMB-4), the retention in force (REG-17-6), the floor, the forecast (REG-15-9). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forecastCapacity } from '../../src/retention/capacity.ts';
import { eligibleAt, retainedFrom, retentionInForce, segmentEligibleAt } from '../../src/retention/eligibility.ts';
import { retentionFloorDays } from '../../src/retention/floor.ts';

const AT = new Date('2025-06-01T00:00:00Z');
const GB = 1e9;

describe('eligibleAt (REG-17-2, AMB-4)', () => {
  it('REG-17-3 example: newest frame 2025-05-01T10:00+08, 30 days → 2025-06-01T00:00+08', () => {
    expect(eligibleAt('2025-05-01T10:00:00+08:00', 30, 30).toISOString()).toBe('2025-05-31T16:00:00.000Z');
  });

  it('counts the day in Asia/Shanghai: 23:59 UTC on 04-30 is already 05-01 in China', () => {
    expect(eligibleAt('2025-04-30T23:59:00Z', 30, 30).toISOString()).toBe(eligibleAt('2025-05-01T10:00:00+08:00', 30, 30).toISOString());
    expect(eligibleAt('2025-04-30T15:59:59.999Z', 30, 30).toISOString()).toBe('2025-05-30T16:00:00.000Z');
  });

  it('never goes below the floor: retention 7 on an A7 camera still keeps 30 days', () => {
    expect(eligibleAt('2025-05-01T10:00:00+08:00', 7, 30).toISOString()).toBe('2025-05-31T16:00:00.000Z');
    expect(eligibleAt('2025-05-01T10:00:00+08:00', 7, null).toISOString()).toBe('2025-05-08T16:00:00.000Z');
  });

  it('keeps every frame at least R full calendar days (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2030-01-01') }), fc.integer({ min: 1, max: 400 }), (ms, days) => {
        const at = eligibleAt(new Date(ms), days, 30).getTime();
        const kept = Math.max(days, 30) * 86_400_000;
        expect(at - ms).toBeGreaterThan(kept);
        expect(at - ms).toBeLessThanOrEqual(kept + 2 * 86_400_000);
        // A day boundary in UTC+8.
        expect((at + 8 * 3_600_000) % 86_400_000).toBe(0);
      }),
    );
  });
});

describe('retention in force (REG-17-6)', () => {
  const timeline = [
    { from: '2025-01-01T00:00:00Z', days: 60 },
    { from: '2025-08-05T02:00:00Z', days: 30 },
  ];

  it('footage recorded under 60 keeps 60 after the change to 30; footage recorded after keeps 30', () => {
    expect(retentionInForce(timeline, '2025-07-01T00:00:00Z', new Date('2025-08-10T00:00:00Z'))).toBe(60);
    expect(retentionInForce(timeline, '2025-08-06T00:00:00Z', new Date('2025-08-10T00:00:00Z'))).toBe(30);
  });

  it('a raise lengthens the life of footage not yet deleted', () => {
    const raised = [
      { from: '2025-01-01T00:00:00Z', days: 30 },
      { from: '2025-06-20T00:00:00Z', days: 90 },
    ];
    expect(segmentEligibleAt({ endAt: '2025-05-01T02:00:00Z', createdAt: '2025-05-01T02:00:01Z' }, raised, 30, new Date('2025-06-25T00:00:00Z')).toISOString()).toBe('2025-07-30T16:00:00.000Z');
    // Before the raise, the same segment was eligible on 2025-06-01.
    expect(segmentEligibleAt({ endAt: '2025-05-01T02:00:00Z', createdAt: '2025-05-01T02:00:01Z' }, raised, 30, new Date('2025-06-01T00:00:00Z')).toISOString()).toBe('2025-05-31T16:00:00.000Z');
  });
});

describe('floor from the policy pack (REG-17-1)', () => {
  it('30 days for art. 7 places, none for art. 9 (advisory) and art. 33', () => {
    expect(retentionFloorDays('A7_2_1_GATHERING', AT)).toBe(30);
    expect(retentionFloorDays('A7_1_GOV_INFRA', AT)).toBe(30);
    expect(retentionFloorDays('A9_OTHER_PUBLIC', AT)).toBeNull();
    expect(retentionFloorDays('A33_NON_PUBLIC', AT)).toBeNull();
  });
});

describe('capacity forecast (REG-15-9, AMB-17)', () => {
  const load = [{ cameraId: 'c1', bytesPerDay: 80 * GB, storedBytes: 0, keepDays: 30 }];
  const findings = (capacity: number) => forecastCapacity(load, { freeBytes: capacity * GB, totalBytes: capacity * GB }, 0);

  it('80 GB/day and 2,000 GB: achievableDays 25', () => {
    expect(findings(2000).achievableDays).toBe(25);
    expect(findings(2000).daysUntilAtRisk).toBe(25);
  });

  it('2,900 GB: 36.25 days; 3,000 GB: 37.5', () => {
    expect(findings(2900).achievableDays).toBe(36.25);
    expect(findings(3000).achievableDays).toBe(37.5);
    expect(findings(3000).daysUntilAtRisk).toBeNull();
  });

  it('exhausted at the reserve', () => {
    expect(forecastCapacity(load, { freeBytes: 0, totalBytes: GB }).exhausted).toBe(true);
  });

  it('a segment stamped before it arrived counts from its arrival (a camera clock that lies)', () => {
    const timeline = [{ from: '2025-01-01T00:00:00Z', days: 30 }];
    const stampedLongAgo = { endAt: '2024-03-01T00:00:00Z', createdAt: '2025-05-01T02:00:00Z' };
    expect(retainedFrom(stampedLongAgo)).toBe('2025-05-01T02:00:00Z');
    expect(segmentEligibleAt(stampedLongAgo, timeline, 30, new Date('2025-05-01T02:05:00Z')).toISOString()).toBe('2025-05-31T16:00:00.000Z');
    // Stamped in the future (a clock ahead): its end still counts, never earlier than its arrival.
    expect(retainedFrom({ endAt: '2025-05-03T00:00:00Z', createdAt: '2025-05-01T02:00:00Z' })).toBe('2025-05-03T00:00:00Z');
  });
});
