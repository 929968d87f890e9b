/**
 * Media behind tokens: issues the short-lived token of an access and serves a segment's bytes only
 * to a token that covers it (its cameras and time range) and whose register entry is still open.
 */
import type { Readable } from 'node:stream';
import type { Db } from '../../db/connect.ts';
import type { SegmentRow } from '../../recording/model.ts';
import type { SegmentStore } from '../../recording/segment-store.ts';
import type { Clock } from '../../shared/clock.ts';
import type { RegisterService } from '../register/register-service.ts';
import { segmentNotFound } from './errors.ts';
import { segmentById } from './media-repository.ts';
import { MEDIA_TOKEN_TTL_MS, mediaTokenRefused, signMediaToken, verifyMediaToken, type MediaTokenPayload } from './media-token.ts';
import type { KeyRing } from '../../security/key-ring.ts';

export interface SegmentLink {
  id: string;
  cameraId: string;
  startAt: string;
  endAt: string;
  sha256: string;
  url: string;
}

export class MediaService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly store: SegmentStore;
  private readonly register: RegisterService;
  private readonly keys: KeyRing;

  constructor(deps: { db: Db; clock: Clock; store: SegmentStore; register: RegisterService; keys: KeyRing }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.store = deps.store;
    this.register = deps.register;
    this.keys = deps.keys;
  }

  /** A token for an access; without `to` (live view) it covers recording up to its own expiry. */
  async issue(grant: Omit<MediaTokenPayload, 'expiresAt' | 'to'> & { to?: string }): Promise<{ token: string; expiresAt: string }> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + MEDIA_TOKEN_TTL_MS).toISOString();
    const key = await this.keys.mediaTokenKey();
    return { token: signMediaToken(key, { ...grant, to: grant.to ?? expiresAt, expiresAt }), expiresAt };
  }

  /** The segments' links for a token (URL relative to the server). */
  links(segments: readonly SegmentRow[], token: string): SegmentLink[] {
    return segments.map((s) => ({
      id: s.id,
      cameraId: s.cameraId,
      startAt: s.startAt,
      endAt: s.endAt,
      sha256: s.sha256,
      url: `/api/media/segments/${encodeURIComponent(s.id)}?token=${encodeURIComponent(token)}`,
    }));
  }

  /** A segment's bytes for a token that covers it; E_MEDIA_TOKEN for any token that does not. */
  async openSegment(segmentId: string, token: string): Promise<{ segment: SegmentRow; stream: Readable }> {
    const segment = await this.authorizeSegment(segmentId, token);
    return { segment, stream: await this.store.openRead(segment.path) };
  }

  /** The grant of a token whose signature holds, that has not expired and whose register entry is open. */
  async grantOf(token: string): Promise<MediaTokenPayload> {
    const now = this.clock.now();
    const grant = verifyMediaToken(await this.keys.mediaTokenKey(), token, now);
    if (await this.register.isClosed(grant.entryId)) throw mediaTokenRefused('CLOSED');
    return grant;
  }

  /** The segment's row when the token covers it (camera and time range); E_MEDIA_TOKEN otherwise. */
  async authorizeSegment(segmentId: string, token: string): Promise<SegmentRow> {
    const grant = await this.grantOf(token);
    const segment = await segmentById(this.db, segmentId);
    if (!segment) throw segmentNotFound(segmentId);
    if (!grant.cameraIds.includes(segment.cameraId)) throw mediaTokenRefused('CAMERA');
    if (!(segment.startAt < grant.to && segment.endAt > grant.from)) throw mediaTokenRefused('RANGE');
    return segment;
  }
}
