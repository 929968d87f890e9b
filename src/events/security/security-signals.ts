/**
 * Security signals as alarms (art. 23(3) intrusion and control, 23(4) illegal data acquisition):
 * brute-force sign-in, a new administrator or a wider grant, refused video requests and export volume
 * above the thresholds (REG-16-7), a failed verification of the register or the ledger (art. 23(5)).
 * Services report here after their work is committed (SecurityObserver); nothing here ever throws
 * back at them. Alarms that describe a state (brute force, refusals, volume) end once it is over: on
 * the periodic `tick`, when the window has passed quietly, or at the next legal day for export volume.
 */
import type { RegisterEntry } from '../../access/register/model.ts';
import type { RegisterService } from '../../access/register/register-service.ts';
import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../shared/clock.ts';
import { legalDateOf, startOfLegalDay } from '../../shared/legal-time.ts';
import type { AlarmKind } from '../alarm-kinds.ts';
import { alarmRepository } from '../alarm-repository.ts';
import type { AlarmSink } from '../alarm-sink.ts';
import { adminGrantSignal } from './admin-grants.ts';
import type { SecurityConfig } from './security-config.ts';
import type { FailedSignIn, GrantActivated, SecurityObserver, VerificationFailure } from './security-observer.ts';
import { SlidingWindow } from './sliding-window.ts';

export type SecurityThresholds = Pick<
  SecurityConfig,
  'bruteForceAccountFailures' | 'bruteForceAddressFailures' | 'bruteForceWindowMinutes' | 'mediaRefusals' | 'mediaRefusalWindowMinutes' | 'exportsPerDay' | 'exportMegabytesPerDay'
>;

export const DEFAULT_SECURITY_THRESHOLDS: SecurityThresholds = {
  bruteForceAccountFailures: 10,
  bruteForceAddressFailures: 20,
  bruteForceWindowMinutes: 10,
  mediaRefusals: 5,
  mediaRefusalWindowMinutes: 10,
  exportsPerDay: 5,
  exportMegabytesPerDay: 10_240,
};

export interface SecuritySignalsDeps {
  db: Db;
  clock: Clock;
  sink: AlarmSink;
  register: RegisterService;
  /** The sign-in name of a user id (alarm subjects name people as they sign in). */
  usernameOf: (userId: string) => Promise<string | undefined>;
  thresholds?: Partial<SecurityThresholds> | undefined;
  onError?: (error: unknown) => void;
}

const MAX_EXPORTS_READ = 10_000;

export interface EventsOutChange {
  action: 'CREATED' | 'UPDATED' | 'SECRET_ROTATED' | 'REMOVED';
  endpointId: string;
  url: string;
  /** The fields an update changed. */
  changed?: string[];
  actor: { userId: string; name: string };
  address: string;
}

/** Where a webhook points, without credentials, query or fragment (they may carry a token). */
function targetOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(unreadable)';
  }
}

export class SecuritySignals implements SecurityObserver {
  private readonly limits: SecurityThresholds;
  private readonly byAccount: SlidingWindow;
  private readonly byAddress: SlidingWindow;
  /** Work started by the observers, awaited by `settled()` (tests, shutdown). */
  private readonly pending = new Set<Promise<unknown>>();
  private reportError: (error: unknown) => void;

  constructor(private readonly deps: SecuritySignalsDeps) {
    this.reportError = deps.onError ?? (() => undefined);
    this.limits = { ...DEFAULT_SECURITY_THRESHOLDS, ...deps.thresholds };
    const windowMs = this.limits.bruteForceWindowMinutes * 60_000;
    this.byAccount = new SlidingWindow(windowMs);
    this.byAddress = new SlidingWindow(windowMs);
  }

  signInFailed(event: FailedSignIn): void {
    const now = this.deps.clock.now();
    const account = event.username.trim().toLowerCase().slice(0, 64);
    const address = event.address.slice(0, 100);
    const forAccount = this.byAccount.add(account, now.getTime());
    const fromAddress = this.byAddress.add(address, now.getTime());
    const lastAt = now.toISOString();
    if (event.lockedUntil || forAccount >= this.limits.bruteForceAccountFailures) {
      const trigger = event.lockedUntil ? 'ACCOUNT_LOCKED' : 'ACCOUNT_FAILURES';
      this.run(() =>
        this.deps.sink.raise({
          kind: 'SECURITY_BRUTE_FORCE',
          subject: account,
          details: { trigger, account, address, consecutiveFailures: event.consecutive, failuresInWindow: forAccount, windowMinutes: this.limits.bruteForceWindowMinutes, lockedUntil: event.lockedUntil?.toISOString() ?? null, lastAt },
        }),
      );
    }
    if (fromAddress >= this.limits.bruteForceAddressFailures) {
      this.run(() =>
        this.deps.sink.raise({
          kind: 'SECURITY_BRUTE_FORCE',
          subject: address,
          details: { trigger: 'ADDRESS_FAILURES', address, lastAccount: account, failuresInWindow: fromAddress, windowMinutes: this.limits.bruteForceWindowMinutes, lastAt },
        }),
      );
    }
  }

  grantActivated(event: GrantActivated): void {
    const signal = adminGrantSignal(event);
    if (signal) this.run(() => this.deps.sink.raise(signal));
  }

  registerAppended(entry: RegisterEntry): void {
    if (entry.kind === 'DENIAL') this.run(() => this.checkRefusals(entry));
    else if (entry.kind === 'ACCESS' && entry.operation === 'EXPORT') this.run(() => this.checkExports(entry));
  }

  verificationFailed(event: VerificationFailure): void {
    this.run(() =>
      this.deps.sink.raise({
        kind: 'VERIFICATION_FAILED',
        subject: event.what,
        details: { what: event.what, firstBadSeq: event.firstBadSeq, problem: event.problem, ...(event.detail ? { detail: event.detail.slice(0, 500) } : {}), by: event.by },
      }),
    );
  }

  /** A webhook endpoint was made, changed, re-keyed or removed: a new way for alarm data to leave (art. 23(4)). */
  eventsOutChanged(event: EventsOutChange): void {
    this.run(() =>
      this.deps.sink.raise({
        kind: 'EVENTS_OUT_CHANGED',
        subject: event.endpointId,
        details: { action: event.action, endpointId: event.endpointId, target: targetOf(event.url), changed: event.changed, actor: event.actor.name, actorUserId: event.actor.userId, src: event.address },
      }),
    );
  }

  /** Ends the state alarms that are over: a quiet window since the last failure or refusal, a new legal day. */
  async tick(): Promise<void> {
    const { db, clock, sink } = this.deps;
    const now = clock.now();
    const open = await alarmRepository.list(db, { kinds: ['SECURITY_BRUTE_FORCE', 'MEDIA_REFUSALS', 'EXPORT_VOLUME_EXCEEDED'], open: true });
    for (const alarm of open) {
      const lastAt = typeof alarm.details.lastAt === 'string' ? Date.parse(alarm.details.lastAt) : Date.parse(alarm.startedAt);
      const over =
        alarm.kind === 'EXPORT_VOLUME_EXCEEDED'
          ? legalDateOf(new Date(lastAt)) < legalDateOf(now)
          : now.getTime() - lastAt >= this.windowMinutesOf(alarm.kind) * 60_000;
      if (over) await sink.resolve(alarm.kind, alarm.subject, now.toISOString());
    }
  }

  /** Where a signal that could not be raised is reported (the server's log). */
  onError(report: (error: unknown) => void): void {
    this.reportError = report;
  }

  /** Resolves once the work the observers started has finished. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private windowMinutesOf(kind: AlarmKind): number {
    return kind === 'MEDIA_REFUSALS' ? this.limits.mediaRefusalWindowMinutes : this.limits.bruteForceWindowMinutes;
  }

  private async checkRefusals(entry: RegisterEntry): Promise<void> {
    const { register, clock } = this.deps;
    const now = clock.now();
    const from = new Date(now.getTime() - this.limits.mediaRefusalWindowMinutes * 60_000).toISOString();
    const { total } = await register.search({ actorUserId: entry.actor.userId, kind: 'DENIAL', from }, { limit: 1, offset: 0 });
    const refusals = Math.max(total, 1);
    if (refusals < this.limits.mediaRefusals) return;
    const username = (await this.deps.usernameOf(entry.actor.userId)) ?? entry.actor.userId;
    await this.deps.sink.raise({
      kind: 'MEDIA_REFUSALS',
      subject: username,
      details: { userId: entry.actor.userId, name: entry.actor.name, unit: entry.actor.unit, address: entry.clientAddress, refusals, threshold: this.limits.mediaRefusals, windowMinutes: this.limits.mediaRefusalWindowMinutes, lastCode: entry.content.denied?.code ?? null, lastAt: now.toISOString() },
    });
  }

  /** Exports of the legal day so far; the entry itself counts even when its transaction is not visible yet. */
  private async checkExports(entry: RegisterEntry): Promise<void> {
    const { register, clock } = this.deps;
    const now = clock.now();
    const day = legalDateOf(now);
    const { entries } = await register.search({ actorUserId: entry.actor.userId, kind: 'ACCESS', operation: 'EXPORT', from: startOfLegalDay(day).toISOString() }, { limit: MAX_EXPORTS_READ, offset: 0 });
    const all = entries.some((e) => e.id === entry.id) ? entries : [...entries, entry];
    const bytes = all.reduce((sum, e) => sum + (e.content.fileHashes ?? []).reduce((n, h) => n + ('file' in h ? h.bytes : 0), 0), 0);
    const megabytes = bytes / 1_048_576;
    if (all.length <= this.limits.exportsPerDay && megabytes <= this.limits.exportMegabytesPerDay) return;
    const username = (await this.deps.usernameOf(entry.actor.userId)) ?? entry.actor.userId;
    await this.deps.sink.raise({
      kind: 'EXPORT_VOLUME_EXCEEDED',
      subject: username,
      details: {
        userId: entry.actor.userId,
        name: entry.actor.name,
        unit: entry.actor.unit,
        day,
        exports: all.length,
        bytes,
        exportsPerDay: this.limits.exportsPerDay,
        exportMegabytesPerDay: this.limits.exportMegabytesPerDay,
        lastEntryId: entry.id,
        lastAt: now.toISOString(),
      },
    });
  }

  private run(work: () => Promise<unknown>): void {
    const task = Promise.resolve()
      .then(work)
      .catch((error: unknown) => this.reportError(error));
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }
}
