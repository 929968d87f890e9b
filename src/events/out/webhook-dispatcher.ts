/**
 * Sends webhook messages: every bus event is stored as messages first (WebhookService.enqueue), then
 * each due message is claimed, signed afresh (Standard Webhooks: the timestamp is the attempt's) and
 * posted. A failure waits the next step of the retry schedule; after the last, the message is a dead
 * letter until someone redelivers it. Pending messages are picked up from the database after a restart.
 * In a cluster every process queues its own events, and the leader alone sends what is queued.
 */
import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { EventBus } from '../event-bus.ts';
import { webhookRepository as repo } from './webhook-repository.ts';
import { sendWebhook, type WebhookSend } from './webhook-sender.ts';
import type { WebhookService } from './webhook-service.ts';
import { signWebhook } from './webhook-signature.ts';
import type { WebhookMessagesTable } from '../../db/webhook-tables.ts';
import { soleProcess, type Leadership } from '../../cluster/leadership.ts';

export interface DispatcherLog {
  warn(obj: unknown, msg: string): void;
  error(obj: unknown, msg: string): void;
}

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  bus: EventBus;
  webhooks: WebhookService;
  log: DispatcherLog;
  /** Seconds after the 1st, 2nd, … failed attempt; after the last, a dead letter. */
  retrySeconds: readonly number[];
  timeoutSeconds: number;
  /** How often the database is looked at for due messages (retries, other processes' messages). */
  pollMs?: number;
  send?: WebhookSend;
  /** Who sends (cluster: the leader); every process still queues its own events. */
  leadership?: Leadership;
}

const BATCH = 20;
/** Delivered messages (and their attempts) are kept this long for the deliveries list, then pruned hourly. */
const KEEP_DELIVERED_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface WebhookDispatcher {
  /** Sends what is due now; resolves when this round's attempts are recorded (tests use it). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { db, clock, bus, webhooks, log } = options;
  const send = options.send ?? sendWebhook;
  const timeoutMs = options.timeoutSeconds * 1000;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;

  const unsubscribe = bus.subscribe(async (event) => {
    await webhooks.enqueue(event);
  });

  async function attempt(message: WebhookMessagesTable): Promise<void> {
    const now = clock.now();
    const claimedUntil = new Date(now.getTime() + timeoutMs + 30_000).toISOString();
    if (!(await repo.claim(db, message.id, now.toISOString(), claimedUntil))) return;
    const target = await webhooks.target(message.endpointId).catch((error: unknown) => {
      log.error({ endpointId: message.endpointId, err: error }, 'webhook endpoint secret unreadable');
      return undefined;
    });
    const number = message.attempts + 1;
    // A disabled endpoint gets nothing more but the tests asked of it; what was pending waits as a dead letter.
    const paused = target && !target.endpoint.enabled && message.eventType !== 'webhook.test';
    const result =
      target && !paused
        ? await send({ url: target.endpoint.url, headers: { ...signWebhook(target.secret, message.id, clock.now(), message.body) }, body: message.body, timeoutMs, ownPorts: webhooks.ownPorts })
        : { ok: false, statusCode: null, error: paused ? 'endpoint disabled' : 'endpoint gone or its secret unreadable', durationMs: 0 };
    const after = clock.now();
    const wait = options.retrySeconds[number - 1];
    const state = result.ok ? 'DELIVERED' : wait === undefined || !target || paused ? 'DEAD' : 'PENDING';
    await repo.recordAttempt(
      db,
      { id: newId('whd'), messageId: message.id, endpointId: message.endpointId, attempt: number, at: after.toISOString(), statusCode: result.statusCode, error: result.error, durationMs: result.durationMs },
      {
        state,
        attempts: number,
        nextAttemptAt: state === 'PENDING' ? new Date(after.getTime() + (wait ?? 0) * 1000).toISOString() : null,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        updatedAt: after.toISOString(),
      },
    );
    // The endpoint's id only: a URL may carry a token of the receiver (Home Assistant's webhook ids do).
    if (state === 'DEAD') log.warn({ endpointId: message.endpointId, messageId: message.id, attempts: number }, 'webhook message is a dead letter');
  }

  let prunedAt = 0;
  async function round(): Promise<void> {
    if (!(options.leadership ?? soleProcess).isLeader) return;
    if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = Date.now();
      await repo.pruneDelivered(db, new Date(clock.now().getTime() - KEEP_DELIVERED_MS).toISOString());
    }
    do {
      again = false;
      const due = await repo.due(db, clock.now().toISOString(), BATCH);
      await Promise.all(due.map((m) => attempt(m).catch((error: unknown) => log.error({ messageId: m.id, err: error }, 'webhook attempt failed'))));
      if (due.length === BATCH) again = true;
    } while (again && !stopped);
  }

  function tick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = round()
      .catch((error: unknown) => log.error({ err: error }, 'webhook dispatcher round failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const offQueued = webhooks.onQueued(() => void tick());
  const timer = setInterval(() => void tick(), options.pollMs ?? 1000);
  timer.unref();
  void tick();

  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      offQueued();
      await running;
    },
  };
}
