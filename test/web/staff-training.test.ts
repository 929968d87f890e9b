/** REG-16-2: the staff pages flag lapsed training on the same day the server suspends video access. */
import { describe, expect, it } from 'vitest';
import { trainingLapsesOn as serverLapsesOn } from '../../src/access/personnel/prerequisites.ts';
import { trainingLapsed, trainingLapsesOn } from '../../web/src/admin/training.ts';
import { legalDateTime, legalToday } from '../../web/src/lib/legal-time.ts';

describe('REG-16-2 training lapse in the web UI', () => {
  it('lapses on the same date as the server decides', () => {
    for (const date of ['2024-02-29', '2025-01-31', '2025-12-31', '2025-06-15', '2023-03-01']) expect(trainingLapsesOn(date)).toBe(serverLapsesOn(date));
  });

  it('flags training from its lapse date on, not the day before', () => {
    expect(trainingLapsed('2025-06-15', '2026-06-15')).toBeNull();
    expect(trainingLapsed('2025-06-15', '2026-06-16')).toBe('2026-06-16');
    expect(trainingLapsed(null, '2030-01-01')).toBeNull();
  });

  it('shows instants in Asia/Shanghai', () => {
    expect(legalDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    expect(legalToday(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12-31');
    expect(legalToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});
