/**
 * Viewing over the media tokens of the access register: the HLS playlist of a token's range, segment
 * bytes by HTTP range, snapshots, and the recorded coverage a timeline draws. Every byte goes to a
 * token that covers it; the token was issued only after the grant check and the register entry.
 */
import type { Readable } from 'node:stream';
import type { AccessGate } from '../access/camera-permission.ts';
import type { Principal } from '../access/principal.ts';
import { tokenCovers, type MediaService } from '../access/video-access/media-service.ts';
import { MEDIA_TOKEN_KINDS, mediaTokenRefused } from '../access/video-access/media-token.ts';
import type { Db } from '../db/connect.ts';
import { listGaps } from '../recording/gap-repository.ts';
import type { RecordingGap } from '../recording/model.ts';
import { hasSegmentIn, listSegments } from '../recording/segment-repository.ts';
import type { Clock } from '../shared/clock.ts';
import { InvalidError, NotFoundError } from '../shared/errors.ts';
import { mergeCoverage, type Span } from './coverage.ts';
import { daysOfMonth } from './recorded-days.ts';
import { parseRange } from './http-range.ts';
import { buildPlaylist } from './playlist.ts';
import type { SegmentFiles } from './segment-files.ts';
import type { Snapshots } from './snapshots.ts';

export interface ViewingDeps {
  db: Db;
  clock: Clock;
  gate: AccessGate;
  media: MediaService;
  files: SegmentFiles;
  snapshots: Snapshots;
}

/** A media request as it arrived: the token, whether it came in the URL (not the x-media-token header), and from where. */
export interface MediaRequest {
  token: string;
  tokenInUrl: boolean;
  clientAddress?: string;
}

export interface MediaBytes {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  stream?: Readable;
}

const noRecording = (cameraId: string) =>
  new NotFoundError('E_NO_RECORDING', { message: { zh: `该时段内摄像机 ${cameraId} 没有录像`, en: `Camera ${cameraId} has no recording in this range` }, details: { cameraId } });

export class ViewingService {
  constructor(private readonly deps: ViewingDeps) {}

  /**
   * The HLS playlist of the token's range for one of its cameras: VOD for a playback or export token
   * (a playback never past the instant it was issued), EVENT for a live token (the live HLS path).
   * Segment URIs carry the token only when it came in the URL: a player that sends x-media-token
   * sends it for the segments too.
   */
  async playlist(request: MediaRequest, cameraId?: string): Promise<string> {
    const { grant, cameraId: camera } = await this.deps.media.grantFor(request.token, { kinds: MEDIA_TOKEN_KINDS, cameraId, clientAddress: request.clientAddress });
    const now = this.deps.clock.now().toISOString();
    const segments = (await listSegments(this.deps.db, { cameraId: camera, from: grant.from, to: grant.to })).filter((s) => tokenCovers(grant, s));
    const withInit = await Promise.all(
      segments.map(async (s) => ({ id: s.id, startAt: s.startAt, endAt: s.endAt, bytes: s.bytes, initLength: await this.deps.files.initLength(s.path) })),
    );
    const playable = withInit.filter((s) => s.initLength > 0 && s.initLength < s.bytes);
    const query = request.tokenInUrl ? `?token=${encodeURIComponent(request.token)}` : '';
    return buildPlaylist(playable, { uri: (id) => `segments/${encodeURIComponent(id)}${query}`, open: grant.kind === 'LIVE' && grant.to > now });
  }

  /** A segment's bytes, whole (200) or one range (206); 416 for a range outside the file. */
  async segment(segmentId: string, request: MediaRequest, rangeHeader: string | undefined): Promise<MediaBytes> {
    const segment = await this.deps.media.authorizeSegment(segmentId, request.token, request.clientAddress);
    const base = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'cache-control': 'private, no-store' };
    const range = parseRange(rangeHeader, segment.bytes);
    if (range === 'unsatisfiable') return { status: 416, headers: { ...base, 'content-range': `bytes */${segment.bytes}` } };
    if (!range) return { status: 200, headers: { ...base, 'content-length': String(segment.bytes) }, stream: await this.deps.files.read(segment.path) };
    return {
      status: 206,
      headers: { ...base, 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${segment.bytes}` },
      stream: await this.deps.files.read(segment.path, range),
    };
  }

  /** The camera a live token lets its holder watch now; E_MEDIA_TOKEN for any other token (a playback token included). */
  async liveView(request: MediaRequest, cameraId?: string): Promise<{ cameraId: string; expiresAt: string }> {
    const { grant, cameraId: camera } = await this.deps.media.grantFor(request.token, { kinds: ['LIVE'], cameraId, clientAddress: request.clientAddress });
    if (!(grant.to > this.deps.clock.now().toISOString())) throw mediaTokenRefused('RANGE');
    return { cameraId: camera, expiresAt: grant.expiresAt };
  }

  /** A JPEG of the newest recorded keyframe within what the token covers; never of a view-only access (E_VIEW_ONLY with a DENIAL entry, REG-21-4). */
  async snapshot(request: MediaRequest, cameraId?: string): Promise<Buffer> {
    const { grant, cameraId: camera } = await this.deps.media.grantFor(request.token, { kinds: MEDIA_TOKEN_KINDS, cameraId, clientAddress: request.clientAddress });
    await this.deps.media.requireCopyable(grant, 'SNAPSHOT', { cameraId: camera, clientAddress: request.clientAddress });
    const segments = (await listSegments(this.deps.db, { cameraId: camera, from: grant.from, to: grant.to })).filter((s) => tokenCovers(grant, s));
    const newest = segments[segments.length - 1];
    if (!newest) throw noRecording(camera);
    return this.deps.snapshots.of(newest.id, await this.deps.files.input(newest.path));
  }

  /** Merged recorded ranges and the recorded gaps of a camera for a timeline (no video: PLAYBACK rights, no register entry). */
  async coverage(principal: Principal, cameraId: string, from: string, to: string): Promise<{ ranges: Span[]; gaps: RecordingGap[] }> {
    if (!(Date.parse(from) < Date.parse(to))) {
      throw new InvalidError('E_TIME_RANGE_INVALID', { message: { zh: '时间范围无效', en: 'Invalid time range' }, details: { from, to } });
    }
    await this.deps.gate.requireCamera(principal, 'PLAYBACK', cameraId);
    const range = { cameraId, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
    const [segments, gaps] = await Promise.all([listSegments(this.deps.db, range), listGaps(this.deps.db, range)]);
    return { ranges: mergeCoverage(segments), gaps };
  }

  /** The days of a month ('YYYY-MM', days of `timeZone`) with recorded footage of a camera, for the playback calendar. */
  async recordedDays(principal: Principal, cameraId: string, month: string, timeZone: string): Promise<{ month: string; timeZone: string; days: string[] }> {
    const days = daysOfMonth(month, timeZone);
    await this.deps.gate.requireCamera(principal, 'PLAYBACK', cameraId);
    const found = await Promise.all(days.map(async (d) => ((await hasSegmentIn(this.deps.db, cameraId, d.from, d.to)) ? d.day : null)));
    return { month, timeZone, days: found.filter((d): d is string => d !== null) };
  }
}
