import { describe, expect, it } from 'vitest';
import { CAMERA_CLOCK_TOLERANCE_MS, CameraClockTrust } from '../../src/recorder/camera-clock-trust.ts';

const DAY_MS = 86_400_000;

describe('whether a camera clock may stamp its footage', () => {
  it('the first report decides: within 2 s yes, 400 days behind or 3 s ahead no; nothing before a report', () => {
    expect(CAMERA_CLOCK_TOLERANCE_MS).toBe(2000);
    const fresh = new CameraClockTrust();
    expect(fresh.trusted).toBe(false);
    for (const [drift, trusted] of [[150, true], [-1999, true], [2000, true], [-400 * DAY_MS, false], [3000, false], [-2001, false]] as const) {
      const trust = new CameraClockTrust();
      trust.report(drift);
      expect(trust.trusted, `${drift} ms`).toBe(trusted);
    }
  });

  it('one late report does not change the verdict, two in a row do; a new stream starts over', () => {
    const trust = new CameraClockTrust();
    trust.report(40);
    trust.report(-3500); // read 3.5 s late: a blocked event loop
    expect(trust.trusted).toBe(true);
    trust.report(30);
    trust.report(-3500);
    expect(trust.trusted).toBe(true);
    trust.report(-400 * DAY_MS); // the camera's clock was set back for real
    expect(trust.trusted).toBe(false);
    trust.report(10);
    expect(trust.trusted).toBe(false);
    trust.report(12);
    expect(trust.trusted).toBe(true);
    trust.reset();
    expect(trust.trusted).toBe(false);
    trust.report(5000);
    expect(trust.trusted).toBe(false);
  });

  it('a recorder may allow more', () => {
    const trust = new CameraClockTrust(10_000);
    trust.report(5000);
    expect(trust.trusted).toBe(true);
  });
});
