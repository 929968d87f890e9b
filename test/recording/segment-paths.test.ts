import { describe, expect, it } from 'vitest';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { parseSegmentName, resolveInRoot, segmentRelPath } from '../../src/recording/segment-paths.ts';

describe('segment paths', () => {
  it('puts a segment under <camera>/<yyyy>/<mm>/<dd>/<seq>-<startMs>.mp4 by the UTC date of its start', () => {
    const startMs = Date.parse('2025-06-01T23:59:59.500Z');
    expect(segmentRelPath({ cameraId: 'cam_ab12', seq: 7, startMs })).toBe(`cam_ab12/2025/06/01/7-${startMs}.mp4`);
    expect(parseSegmentName(`7-${startMs}.mp4.partial`)).toEqual({ seq: 7, startMs, partial: true });
    expect(parseSegmentName('7-x.mp4')).toBeNull();
  });

  it('refuses camera ids and paths that could leave the root', async () => {
    for (const cameraId of ['', '..', '../x', 'a/b', 'a\\b', '.hidden', 'x'.repeat(65), 'cam\u0000']) {
      expect(() => segmentRelPath({ cameraId, seq: 1, startMs: 0 }), cameraId).toThrow(/E_SEGMENT_PATH_INVALID/);
    }
    expect(() => segmentRelPath({ cameraId: 'cam', seq: 0, startMs: 0 })).toThrow(/E_SEGMENT_PATH_INVALID/);
    expect(() => resolveInRoot('/data/segments', '../archive/x')).toThrow(/E_SEGMENT_PATH_INVALID/);
    expect(() => resolveInRoot('/data/segments', '/etc/passwd')).toThrow(/E_SEGMENT_PATH_INVALID/);
    const store = new LocalSegmentStore('/nonexistent/segments');
    await expect(store.openRead('cam/../../etc/passwd')).rejects.toThrow(/E_SEGMENT_PATH_INVALID/);
  });
});
