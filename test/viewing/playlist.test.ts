import { describe, expect, it } from 'vitest';
import { mergeCoverage } from '../../src/viewing/coverage.ts';
import { parseRange } from '../../src/viewing/http-range.ts';
import { buildPlaylist } from '../../src/viewing/playlist.ts';

const seg = (id: string, start: string, end: string) => ({ id, startAt: start, endAt: end, bytes: 10_000, initLength: 700 });

describe('the VOD playlist from the segment index', () => {
  const segments = [
    seg('a', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:10.000Z'),
    seg('b', '2026-01-01T00:00:10.000Z', '2026-01-01T00:00:20.000Z'),
    seg('c', '2026-01-01T00:01:00.000Z', '2026-01-01T00:01:10.000Z'),
  ];

  it('maps each segment file’s init and media as byte ranges, with wall-clock dates and an end', () => {
    const text = buildPlaylist(segments, { uri: (id) => `segments/${id}?token=T`, open: false });
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('#EXTM3U');
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(text).toContain('#EXT-X-MAP:URI="segments/a?token=T",BYTERANGE="700@0"');
    expect(text).toContain('#EXT-X-BYTERANGE:9300@700');
    expect(text).toContain('#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:01:00.000Z');
    expect(text.match(/#EXTINF:10\.000,/g)).toHaveLength(3);
    // Every segment restarts its decode time: a discontinuity before each but the first.
    expect(text.match(/#EXT-X-DISCONTINUITY\n/g)).toHaveLength(2);
    expect(text).toContain('# gap (no recording): 2026-01-01T00:00:20.000Z/2026-01-01T00:01:00.000Z');
    expect(lines.at(-1)).toBe('#EXT-X-ENDLIST');
  });

  it('leaves a live playlist open for the player to reload', () => {
    const text = buildPlaylist(segments.slice(0, 1), { uri: (id) => id, open: true });
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(text).not.toContain('#EXT-X-ENDLIST');
  });
});

describe('coverage and byte ranges', () => {
  it('merges touching segments and keeps gaps', () => {
    expect(
      mergeCoverage([
        { startAt: '2026-01-01T00:00:10.000Z', endAt: '2026-01-01T00:00:20.000Z' },
        { startAt: '2026-01-01T00:00:00.000Z', endAt: '2026-01-01T00:00:10.040Z' },
        { startAt: '2026-01-01T00:05:00.000Z', endAt: '2026-01-01T00:05:10.000Z' },
      ]),
    ).toEqual([
      { from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T00:00:20.000Z' },
      { from: '2026-01-01T00:05:00.000Z', to: '2026-01-01T00:05:10.000Z' },
    ]);
  });

  it('parses the byte ranges HLS players ask for', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
  });
});
