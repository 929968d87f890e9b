/**
 * A VOD (or, for a live token, an EVENT) HLS playlist over recorded segments. Each segment file is
 * a self-contained fMP4 (init, then fragments) whose decode time starts at zero, so every segment
 * gets its own EXT-X-MAP (a byte range of the file) and a discontinuity; its media is one byte range.
 * PROGRAM-DATE-TIME carries the wall clock, so a player seeks to an instant; recording gaps show as
 * a jump in PROGRAM-DATE-TIME after a discontinuity, with a comment naming the gap.
 */

export interface PlaylistSegment {
  id: string;
  startAt: string;
  endAt: string;
  bytes: number;
  /** Bytes of ftyp+moov at the start of the file. */
  initLength: number;
}

export interface PlaylistOptions {
  /** Relative URL of a segment's file (token included). */
  uri: (segmentId: string) => string;
  /** No ENDLIST: the player reloads the playlist (a live token; the newest segments keep coming). */
  open: boolean;
  /** A gap longer than this between two segments is marked (ms). */
  gapThresholdMs?: number;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

export function buildPlaylist(segments: readonly PlaylistSegment[], options: PlaylistOptions): string {
  const threshold = options.gapThresholdMs ?? 1000;
  const durations = segments.map((s) => Date.parse(s.endAt) - Date.parse(s.startAt));
  const target = Math.max(1, Math.ceil(Math.max(0, ...durations) / 1000));
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', `#EXT-X-TARGETDURATION:${target}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-DISCONTINUITY-SEQUENCE:0'];
  lines.push(options.open ? '#EXT-X-PLAYLIST-TYPE:EVENT' : '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-INDEPENDENT-SEGMENTS');
  let previousEnd: number | undefined;
  segments.forEach((s, i) => {
    const start = Date.parse(s.startAt);
    if (previousEnd !== undefined && start - previousEnd > threshold) {
      lines.push(`# gap (no recording): ${new Date(previousEnd).toISOString()}/${s.startAt}`);
    }
    const uri = options.uri(s.id);
    if (i > 0) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXT-X-MAP:URI="${uri}",BYTERANGE="${s.initLength}@0"`);
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${s.startAt}`);
    lines.push(`#EXTINF:${seconds(durations[i] ?? 0)},`);
    lines.push(`#EXT-X-BYTERANGE:${s.bytes - s.initLength}@${s.initLength}`);
    lines.push(uri);
    previousEnd = Date.parse(s.endAt);
  });
  if (!options.open) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}
