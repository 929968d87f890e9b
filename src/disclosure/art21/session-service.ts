/**
 * The supervised view-only session (REG-21-4, REG-21-5, REG-21-6): the requester signs the
 * non-dissemination acknowledgement, then a staff member (the supervisor, holding PLAYBACK on the
 * cameras) opens a session over ranges within the approved scope. The session writes exactly one
 * ACCESS entry naming the requester as actor (个人 or their employer), with the stated purpose and
 * the acknowledgement, and hands out VIEW_ONLY media tokens that expire with the session.
 */
import type { Db } from '../../db/connect.ts';
import type { Principal } from '../../access/principal.ts';
import type { Basis, EntryContent, Reason } from '../../access/register/model.ts';
import type { RegisterService } from '../../access/register/register-service.ts';
import { requireBasis } from '../../access/video-access/basis.ts';
import type { MediaService } from '../../access/video-access/media-service.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { ACK_TEXT, ACK_TEXT_SHA256 } from './acknowledgement-text.ts';
import { ackRequired, ackSignatureMismatch, ackTextChanged, notApproved, sessionNotFound } from './errors.ts';
import { recordStep } from './history.ts';
import { acknowledgeInput, sessionInput, type Acknowledgement, type Art21Request, type ScopeItem, type ViewingSession } from './model.ts';
import type { Art21Policy } from './policy.ts';
import { art21Repository as repo } from './repository.ts';
import type { Art21Gate, Art21RequestService } from './request-service.ts';
import { rangesWithin } from './scope.ts';

export interface SessionDeps {
  db: Db;
  clock: Clock;
  gate: Art21Gate;
  register: RegisterService;
  media: MediaService;
  requests: Art21RequestService;
  policy: Art21Policy;
}

export interface SessionToken extends ScopeItem {
  token: string;
  playlistUrl: string;
}

export interface OpenedSession {
  session: ViewingSession & { expired: boolean };
  requesterName: string;
  tokens: SessionToken[];
}

const PERSONAL_UNIT = '个人';
const PURPOSE_LABEL = { LIFE_HEALTH: '保护生命健康', PROPERTY_SAFETY: '保护财产安全' } as const;
const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** 事由 of the viewing: the stated purpose, and the acknowledgement it rests on (REG-21-5, REG-21-6). */
export function viewingReason(request: Art21Request, ack: Acknowledgement): Reason {
  return { category: 'ART21_VIEWING', text: `第二十一条查阅(${PURPOSE_LABEL[request.purpose]}):${request.purposeDescription}(不外传确认 ${ack.id})` };
}

export class Art21SessionService {
  constructor(private readonly deps: SessionDeps) {}

  text(): { zh: string; en: string; sha256: string } {
    return { ...ACK_TEXT, sha256: ACK_TEXT_SHA256 };
  }

  /** REG-21-5: the requester's typed name as signature, over the text they were shown (its hash), witnessed by the staff member. */
  async acknowledge(principal: Principal, requestId: string, raw: unknown): Promise<Acknowledgement> {
    const input = acknowledgeInput.parse(raw);
    const request = await this.deps.requests.get(principal, requestId);
    if (request.status !== 'APPROVED') throw notApproved(requestId, request.status);
    if (input.textSha256 !== ACK_TEXT_SHA256) throw ackTextChanged();
    if (!sameName(input.signedName, request.requester.name)) throw ackSignatureMismatch(request.requester.name);
    const ack: Acknowledgement = { id: newId('ack'), requestId, signedName: input.signedName, textSha256: ACK_TEXT_SHA256, acknowledgedAt: this.deps.clock.now().toISOString(), witnessedBy: principal.userId };
    await repo.insertAcknowledgement(this.deps.db, ack);
    await recordStep(this.deps.db, principal, { entityType: 'art21Request', entityId: requestId, action: 'ACKNOWLEDGE', at: ack.acknowledgedAt, before: null, after: ack });
    return ack;
  }

  /**
   * REG-21-4, REG-21-6: the session over the ranges asked for (default: the whole scope). Without
   * an acknowledgement 409 E_ACK_REQUIRED; any refusal leaves a DENIAL entry.
   */
  async start(principal: Principal, requestId: string, raw: unknown): Promise<OpenedSession> {
    const { db, clock, gate, register, media, policy } = this.deps;
    const input = sessionInput.parse(raw ?? {});
    const request = await this.deps.requests.get(principal, requestId);
    const basis: Basis = { type: 'ART21_REQUEST', ref: requestId };
    const asked = input.ranges ?? request.scope;
    const content = (ranges: readonly ScopeItem[]): EntryContent => ({ cameraIds: [...new Set(ranges.map((r) => r.cameraId))], ranges: ranges.map((r) => ({ ...r })), operation: 'PLAYBACK' });
    let ack: Acknowledgement | undefined;
    let ranges: ScopeItem[] = [];
    try {
      if (request.status !== 'APPROVED') throw notApproved(requestId, request.status);
      ranges = rangesWithin(request.scope, input.ranges);
      ack = await repo.latestAcknowledgement(db, requestId);
      if (!ack) throw ackRequired(requestId);
      for (const range of ranges) {
        await gate.requireCamera(principal, 'PLAYBACK', range.cameraId);
        await requireBasis(db, principal, basis, range, this.deps.clock.now());
      }
    } catch (error) {
      if (error instanceof DomainError && (error.kind === 'FORBIDDEN' || error.kind === 'CONFLICT')) {
        await register.deny(principal, { operation: 'PLAYBACK', reason: { category: 'ART21_VIEWING', text: request.purposeDescription }, content: content(asked), basis, error: { code: error.code, ...(error.article ? { article: error.article } : {}) } });
      }
      throw error;
    }
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + policy.sessionMinutes * 60_000).toISOString();
    const entry = await register.open(principal, {
      operation: 'PLAYBACK',
      reason: viewingReason(request, ack),
      content: content(ranges),
      basis,
      recipient: { name: request.requester.name, unit: request.requester.employer || PERSONAL_UNIT, idDocument: `${request.requester.idType}:${request.requester.idNumber}` },
    });
    const session: ViewingSession = { id: newId('vws'), requestId, acknowledgementId: ack.id, supervisorId: principal.userId, registerEntryId: entry.id, ranges, startedAt: now.toISOString(), expiresAt, endedAt: null };
    await repo.insertSession(db, session);
    const tokens: SessionToken[] = [];
    for (const range of ranges) {
      const { token } = await media.issue({ kind: 'VIEW_ONLY', entryId: entry.id, userId: principal.userId, cameraIds: [range.cameraId], from: range.from, to: range.to, expiresAt });
      tokens.push({ ...range, token, playlistUrl: `/api/media/playlist.m3u8?token=${encodeURIComponent(token)}` });
    }
    await recordStep(db, principal, { entityType: 'art21Request', entityId: requestId, action: 'SESSION_START', at: session.startedAt, before: null, after: { sessionId: session.id, registerEntryId: entry.id, acknowledgementId: ack.id, ranges, expiresAt } });
    return { session: { ...session, expired: false }, requesterName: request.requester.name, tokens };
  }

  async get(principal: Principal, sessionId: string): Promise<ViewingSession & { expired: boolean; requesterName: string }> {
    const session = await repo.session(this.deps.db, sessionId);
    if (!session) throw sessionNotFound(sessionId);
    const request = await this.deps.requests.get(principal, session.requestId).catch(() => undefined);
    if (!request) throw sessionNotFound(sessionId);
    return { ...session, expired: this.expired(session), requesterName: request.requester.name };
  }

  async list(principal: Principal, requestId: string): Promise<(ViewingSession & { expired: boolean })[]> {
    await this.deps.requests.get(principal, requestId);
    return (await repo.sessions(this.deps.db, requestId)).map((s) => ({ ...s, expired: this.expired(s) }));
  }

  /** Ends a session early (its supervisor): a CLOSE entry, and its tokens stop working. */
  async end(principal: Principal, sessionId: string): Promise<ViewingSession & { expired: boolean; requesterName: string }> {
    const session = await this.get(principal, sessionId);
    if (session.endedAt === null) {
      if (!(await this.deps.register.isClosed(session.registerEntryId))) await this.deps.register.close(session.registerEntryId, principal);
      await repo.endSession(this.deps.db, sessionId, this.deps.clock.now().toISOString());
    }
    return this.get(principal, sessionId);
  }

  private expired(session: ViewingSession): boolean {
    return session.endedAt !== null || Date.parse(session.expiresAt) <= this.deps.clock.now().getTime();
  }
}
