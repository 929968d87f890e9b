/**
 * Playback and live view reached only through the register (REG-16-4, REG-16-5, REG-16-8): the
 * camera grant, the playback depth, the reason, then the entry, and only then a media token.
 * A refusal by the grants is itself recorded as a DENIAL entry.
 */
import type { Db } from '../../db/connect.ts';
import { listSegments } from '../../recording/segment-repository.ts';
import type { Clock } from '../../shared/clock.ts';
import type { AccessGate, CameraPermission } from '../camera-permission.ts';
import type { Principal } from '../principal.ts';
import { DUTY_MONITORING, type Basis, type EntryContent, type ReasonInput, type RegisterEntry } from '../register/model.ts';
import type { RegisterService } from '../register/register-service.ts';
import { recordingDenials } from './denials.ts';
import { requireBasis } from './basis.ts';
import { playbackInFuture, playbackTooDeep, timeRangeInvalid } from './errors.ts';
import type { MediaService, SegmentLink } from './media-service.ts';

export interface PlaybackInput {
  cameraId: string;
  from: string;
  to: string;
  reason?: ReasonInput | null;
  basis?: Basis | null;
}

export interface MediaGrant {
  registerEntryId: string;
  token: string;
  expiresAt: string;
}

export interface VideoAccessDeps {
  db: Db;
  clock: Clock;
  gate: AccessGate;
  register: RegisterService;
  media: MediaService;
}

/** ISO instants with milliseconds, from before to; E_TIME_RANGE_INVALID otherwise. */
export function checkRange(from: string, to: string): { from: string; to: string } {
  const f = Date.parse(from);
  const t = Date.parse(to);
  if (Number.isNaN(f) || Number.isNaN(t) || f >= t) throw timeRangeInvalid(from, to);
  return { from: new Date(f).toISOString(), to: new Date(t).toISOString() };
}

/** REG-16-4: without a basis a role with a depth limit plays back only its last N hours (a basis given is checked first: requireBasis). */
export function checkPlaybackDepth(permission: CameraPermission, from: string, now: Date, basis: Basis | null | undefined): void {
  if (permission.playbackDepthHours === null || basis) return;
  const earliest = new Date(now.getTime() - permission.playbackDepthHours * 3_600_000).toISOString();
  if (from < earliest) throw playbackTooDeep(permission.playbackDepthHours, earliest, permission.roleName);
}

export class VideoAccessService {
  constructor(private readonly deps: VideoAccessDeps) {}

  /**
   * A playback ends at the request time at the latest: a range reaching into the future is clipped to
   * now (the register records the clipped range), one lying wholly in the future is refused
   * (E_PLAYBACK_IN_FUTURE). Live video is LIVE's, through a live token.
   */
  async playback(principal: Principal, input: PlaybackInput): Promise<MediaGrant & { segments: SegmentLink[] }> {
    const { gate, register, media, clock, db } = this.deps;
    const asked = checkRange(input.from, input.to);
    const now = clock.now().toISOString();
    const range = { from: asked.from, to: asked.to < now ? asked.to : now };
    const content: EntryContent = { cameraIds: [input.cameraId], ranges: [{ cameraId: input.cameraId, ...range }], operation: 'PLAYBACK' };
    await recordingDenials(register, principal, { operation: 'PLAYBACK', reason: input.reason, content, basis: input.basis }, async () => {
      const permission = await gate.requireCamera(principal, 'PLAYBACK', input.cameraId);
      if (range.from >= range.to) throw playbackInFuture(asked.from, now);
      if (input.basis) await requireBasis(db, principal, input.basis, { cameraId: input.cameraId, ...range }, clock.now());
      checkPlaybackDepth(permission, range.from, clock.now(), input.basis);
    });
    const entry = await register.open(principal, { operation: 'PLAYBACK', reason: input.reason, content, basis: input.basis ?? null });
    const { token, expiresAt } = await media.issue({ kind: 'PLAYBACK', entryId: entry.id, userId: principal.userId, cameraIds: [input.cameraId], ...range });
    const segments = (await listSegments(db, { cameraId: input.cameraId, ...range })).filter((s) => s.endAt <= now);
    return { registerEntryId: entry.id, token, expiresAt, segments: media.links(segments, token) };
  }

  /**
   * Live view: on duty within the shift's camera set a LIVE_DUTY session with no prompt (reason
   * DUTY_MONITORING, the shift id); otherwise a typed reason and a LIVE_ADHOC entry (REG-16-8).
   */
  async live(principal: Principal, input: { cameraId: string; reason?: ReasonInput | null }): Promise<MediaGrant & { entry: RegisterEntry }> {
    const { gate, register, media, clock } = this.deps;
    const now = clock.now().toISOString();
    const content = (operation: 'LIVE_DUTY' | 'LIVE_ADHOC'): EntryContent => ({
      cameraIds: [input.cameraId],
      ranges: [{ cameraId: input.cameraId, from: now, to: null }],
      operation,
    });
    const shift = await recordingDenials(register, principal, { operation: 'LIVE_ADHOC', reason: input.reason, content: content('LIVE_ADHOC') }, async () => {
      await gate.requireCamera(principal, 'LIVE', input.cameraId);
      return gate.dutyShiftFor(principal, input.cameraId);
    });
    const entry = shift
      ? await register.open(principal, {
          operation: 'LIVE_DUTY',
          reason: { category: DUTY_MONITORING, text: `值班监看(班次 ${shift.code})` },
          content: content('LIVE_DUTY'),
          shiftId: shift.shiftId,
        })
      : await register.open(principal, { operation: 'LIVE_ADHOC', reason: input.reason, content: content('LIVE_ADHOC') });
    const { token, expiresAt } = await media.issue({ kind: 'LIVE', entryId: entry.id, userId: principal.userId, cameraIds: [input.cameraId], from: now });
    return { registerEntryId: entry.id, entry, token, expiresAt };
  }

  /** Ends an access the caller opened: a CLOSE entry; its media token stops working. */
  async close(principal: Principal, entryId: string): Promise<RegisterEntry> {
    return this.deps.register.close(entryId, principal);
  }
}
