/** A recorder's reported camera status as an API process reads it: its counters, also from a recorder of the version before. */
import { describe, expect, it } from 'vitest';
import { statusFromReport } from '../../src/cluster/reported-status.ts';
import type { RecorderNodeRow } from '../../src/cluster/cluster-reads.ts';
import { initialStatus } from '../../src/recorder/camera-status.ts';

describe('a reported camera status', () => {
  const now = Date.parse('2025-05-01T00:00:10Z');
  const context = { nowMs: now, leaseSeconds: 8, node: { row: {} as RecorderNodeRow, state: 'alive' as const } };
  const row = (status: object) => ({ cameraId: 'cam_a', nodeId: 'rec-1', status: JSON.stringify(status), updatedAt: '2025-05-01T00:00:09.000Z' });

  it('shows the keep-alives the camera left unanswered; a recorder that does not count them yet reports none', () => {
    const status = { ...initialStatus('cam_a', new Date(now)), state: 'online', keepAlivesUnanswered: 3 };
    expect(statusFromReport(row(status), context)).toMatchObject({ state: 'online', nodeId: 'rec-1', keepAlivesUnanswered: 3 });
    const { keepAlivesUnanswered: _omitted, ...older } = status;
    expect(statusFromReport(row(older), context)).toMatchObject({ state: 'online', nodeId: 'rec-1', keepAlivesUnanswered: 0 });
  });
});
