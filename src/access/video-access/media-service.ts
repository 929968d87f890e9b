/**
 * Media behind tokens: issues the short-lived token of an access and serves a segment's bytes only
 * to a token of an accepted kind that covers it (its cameras and time range), whose register entry
 * is still open, and whose holder still may (MediaRecheck).
 */
import type { Readable } from 'node:stream';
import type { Db } from '../../db/connect.ts';
import type { SegmentRow } from '../../recording/model.ts';
import type { SegmentReader } from '../../recording/segment-store.ts';
import type { Clock } from '../../shared/clock.ts';
import type { AccessGate } from '../camera-permission.ts';
import type { RegisterService } from '../register/register-service.ts';
import { segmentNotFound } from './errors.ts';
import { segmentById } from './media-repository.ts';
import { MediaRecheck } from './media-recheck.ts';
import { COPYING_KINDS, MEDIA_TOKEN_KINDS, MEDIA_TOKEN_TTL_MS, mediaTokenRefused, signMediaToken, verifyMediaToken, type MediaTokenKind, type MediaTokenPayload } from './media-token.ts';
import type { KeyRing } from '../../security/key-ring.ts';
import { viewOnly } from '../../disclosure/art21/errors.ts';
import { recordViewOnlyDenial } from './view-only-denial.ts';

export interface SegmentLink {
  id: string;
  cameraId: string;
  startAt: string;
  endAt: string;
  sha256: string;
  url: string;
}

/** How a media request reached us: which token kinds the route accepts, the camera asked for, the caller's address (for a DENIAL). */
export interface MediaUse {
  kinds: readonly MediaTokenKind[];
  cameraId?: string | undefined;
  clientAddress?: string | undefined;
}

const UNKNOWN_ADDRESS = 'unknown';

/**
 * Whether a segment lies within what the token lets its holder see. A playback (or export) token sees
 * only what was recorded before it was issued: a segment that closes later (the future of a range that
 * reached "now") never appears, so a playback playlist cannot grow into live video.
 */
export function tokenCovers(grant: MediaTokenPayload, segment: Pick<SegmentRow, 'startAt' | 'endAt'>): boolean {
  if (!(segment.startAt < grant.to && segment.endAt > grant.from)) return false;
  return grant.kind === 'LIVE' || segment.endAt <= grant.issuedAt;
}

export class MediaService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly store: SegmentReader;
  private readonly register: RegisterService;
  private readonly recheck: MediaRecheck;
  private readonly keys: KeyRing;

  constructor(deps: { db: Db; clock: Clock; store: SegmentReader; register: RegisterService; gate: AccessGate; keys: KeyRing }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.store = deps.store;
    this.register = deps.register;
    this.recheck = new MediaRecheck(deps);
    this.keys = deps.keys;
  }

  /**
   * A token for an access; without `to` (live view) it covers recording up to its own expiry. It
   * expires after MEDIA_TOKEN_TTL_MS unless `expiresAt` says when (a supervised art. 21 session).
   */
  async issue(grant: Omit<MediaTokenPayload, 'expiresAt' | 'to' | 'issuedAt'> & { to?: string; expiresAt?: string }): Promise<{ token: string; expiresAt: string }> {
    const now = this.clock.now();
    const expiresAt = grant.expiresAt ?? new Date(now.getTime() + MEDIA_TOKEN_TTL_MS).toISOString();
    const key = await this.keys.mediaTokenKey();
    return { token: signMediaToken(key, { ...grant, to: grant.to ?? expiresAt, issuedAt: now.toISOString(), expiresAt }), expiresAt };
  }

  /** The segments' links for a token (URL relative to the server; the token may instead go in the x-media-token header). */
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
  async openSegment(segmentId: string, token: string, clientAddress?: string): Promise<{ segment: SegmentRow; stream: Readable }> {
    const segment = await this.authorizeSegment(segmentId, token, clientAddress);
    return { segment, stream: await this.store.openRead(segment.path) };
  }

  /**
   * The grant of a token whose signature holds, that has not expired, whose kind the route accepts,
   * whose register entry is open and that covers the camera asked for (default: its first), with its
   * holder re-checked; E_MEDIA_TOKEN otherwise.
   */
  async grantFor(token: string, use: MediaUse): Promise<{ grant: MediaTokenPayload; cameraId: string }> {
    const grant = await this.validGrant(token, use.kinds);
    const cameraId = use.cameraId ?? grant.cameraIds[0];
    if (!cameraId || !grant.cameraIds.includes(cameraId)) throw mediaTokenRefused('CAMERA');
    await this.recheck.require(grant, cameraId, use.clientAddress ?? UNKNOWN_ADDRESS);
    return { grant, cameraId };
  }

  /**
   * Passes when what the token shows may be copied (a snapshot): never for a VIEW_ONLY token, nor for
   * any access recorded under an art. 21 basis (查阅, not 调取: REG-21-4); E_VIEW_ONLY otherwise, with a
   * DENIAL entry naming the operation, the art. 21 basis and request, and the code.
   */
  async requireCopyable(grant: MediaTokenPayload, what: 'SNAPSHOT' | 'DOWNLOAD', at: { cameraId: string; clientAddress?: string | undefined }): Promise<void> {
    const refused = !COPYING_KINDS.includes(grant.kind) || (await this.register.find(grant.entryId))?.basis?.type === 'ART21_REQUEST';
    if (!refused) return;
    const refusal = viewOnly(what);
    // The refusal is in the register (DENIAL: operation, art. 21 basis and request, E_VIEW_ONLY).
    await recordViewOnlyDenial({ db: this.db, register: this.register }, grant, what, refusal, { cameraId: at.cameraId, clientAddress: at.clientAddress ?? UNKNOWN_ADDRESS });
    throw refusal;
  }

  /** The segment's row when the token covers it (camera and time range) and its holder still may; E_MEDIA_TOKEN otherwise. */
  async authorizeSegment(segmentId: string, token: string, clientAddress?: string): Promise<SegmentRow> {
    const grant = await this.validGrant(token, MEDIA_TOKEN_KINDS);
    const segment = await segmentById(this.db, segmentId);
    if (!segment) throw segmentNotFound(segmentId);
    if (!grant.cameraIds.includes(segment.cameraId)) throw mediaTokenRefused('CAMERA');
    if (!tokenCovers(grant, segment)) throw mediaTokenRefused('RANGE');
    await this.recheck.require(grant, segment.cameraId, clientAddress ?? UNKNOWN_ADDRESS);
    return segment;
  }

  private async validGrant(token: string, kinds: readonly MediaTokenKind[]): Promise<MediaTokenPayload> {
    const now = this.clock.now();
    const grant = verifyMediaToken(await this.keys.mediaTokenKey(), token, now);
    if (!kinds.includes(grant.kind)) throw mediaTokenRefused('KIND', { kind: grant.kind, accepted: kinds });
    if (await this.register.isClosed(grant.entryId)) throw mediaTokenRefused('CLOSED');
    return grant;
  }
}
