/**
 * The tamper monitor's own rules (REG-23-2): pictures that keep coming without a keyframe for longer than
 * the limit count as signal lost; turning detection off ends what is open.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TamperMonitor } from '../../src/analytics/tamper/tamper-monitor.ts';
import type { TamperChange } from '../../src/analytics/tamper/tamper-model.ts';

describe('tamper monitor', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('REG-23-2: pictures without a keyframe for longer than the limit raise TAMPER_SIGNAL_LOST; detection off ends it', async () => {
    vi.useFakeTimers();
    let now = Date.parse('2026-03-01T08:00:00Z');
    const start = now;
    const changes: TamperChange[] = [];
    const monitor = new TamperMonitor({ cameraId: 'cam_1', ffmpegPath: 'ffmpeg', clock: { now: () => new Date(now) }, settings: { enabled: true, sensitivity: 'MEDIUM' }, onChange: (c) => changes.push(c), noKeyframeMs: 5000 });
    for (let s = 0; s < 12; s++) {
      now = start + s * 1000;
      monitor.picture(now);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(changes.map((c) => [c.kind, c.state])).toEqual([['TAMPER_SIGNAL_LOST', 'onset']]);
    expect(Date.parse(changes[0]!.at) - start).toBeLessThanOrEqual(9000);
    monitor.setSettings({ enabled: false, sensitivity: 'MEDIUM' });
    await vi.advanceTimersByTimeAsync(10);
    expect(changes.map((c) => [c.kind, c.state])).toEqual([
      ['TAMPER_SIGNAL_LOST', 'onset'],
      ['TAMPER_SIGNAL_LOST', 'cleared'],
    ]);
    monitor.close();
  });

  it('a stream that stops altogether is the health monitor’s (camera offline), not signal lost', async () => {
    vi.useFakeTimers();
    let now = Date.parse('2026-03-01T08:00:00Z');
    const changes: TamperChange[] = [];
    const monitor = new TamperMonitor({ cameraId: 'cam_1', ffmpegPath: 'ffmpeg', clock: { now: () => new Date(now) }, settings: { enabled: true, sensitivity: 'MEDIUM' }, onChange: (c) => changes.push(c), noKeyframeMs: 5000 });
    monitor.picture(now);
    for (let s = 1; s < 15; s++) {
      now += 1000;
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(changes).toEqual([]);
    monitor.close();
  });
});
