/**
 * The simulator's Events service: pull points that queue what `emit` sends (motion, tamper), and
 * PullMessages that waits for the next one up to its Timeout (at most 10 s here).
 */
import { randomUUID } from 'node:crypto';
import { SimFault, type Handler, type SimContext } from './context.ts';
import { esc, field } from './soap-io.ts';
import type { SimNotification, SimPullPoint } from './state.ts';

const MAX_QUEUE = 1000;

/** PT60S, PT1M, PT1H30M5S … in seconds; absolute times are taken as 60 s. */
export function durationSeconds(value: string | undefined, fallback: number): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value ?? '');
  if (!m || (!m[1] && !m[2] && !m[3])) return fallback;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

function pullPointOf(ctx: SimContext, path: string): SimPullPoint {
  const id = /^\/onvif\/pullpoint\/([\w-]+)$/.exec(path)?.[1] ?? '';
  const point = ctx.pullPoints.get(id);
  if (!point || point.terminatesAt < ctx.deviceNow()) {
    if (point) ctx.pullPoints.delete(id);
    throw new SimFault('wsrf-rw:ResourceUnknownFault', 'No such subscription');
  }
  return point;
}

export function deliver(ctx: SimContext, notification: SimNotification): void {
  for (const point of ctx.pullPoints.values()) {
    point.queue.push(notification);
    if (point.queue.length > MAX_QUEUE) point.queue.shift();
    for (const wake of point.waiters.splice(0)) wake();
  }
}

const items = (record: Record<string, string>) => Object.entries(record).map(([name, value]) => `<tt:SimpleItem Name="${esc(name)}" Value="${esc(value)}"/>`).join('');

const notificationXml = (n: SimNotification) =>
  `<wsnt:NotificationMessage><wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:${esc(n.topic)}</wsnt:Topic>` +
  `<wsnt:Message><tt:Message UtcTime="${n.utcTime}" PropertyOperation="${n.operation}"><tt:Source>${items(n.source)}</tt:Source><tt:Data>${items(n.data)}</tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>`;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const eventHandlers: Record<string, Handler> = {
  CreatePullPointSubscription: (ctx, operation) => {
    const id = randomUUID();
    const now = ctx.deviceNow();
    const point: SimPullPoint = { id, queue: [], terminatesAt: now + durationSeconds(field(operation, 'InitialTerminationTime'), 60) * 1000, waiters: [] };
    ctx.pullPoints.set(id, point);
    return `<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference><wsa:Address>${ctx.base}/onvif/pullpoint/${id}</wsa:Address></tev:SubscriptionReference><wsnt:CurrentTime>${iso(now)}</wsnt:CurrentTime><wsnt:TerminationTime>${iso(point.terminatesAt)}</wsnt:TerminationTime></tev:CreatePullPointSubscriptionResponse>`;
  },
  PullMessages: async (ctx, operation, path) => {
    const point = pullPointOf(ctx, path);
    const limit = Math.max(1, Math.min(1000, Number(field(operation, 'MessageLimit') ?? 100) || 100));
    if (point.queue.length === 0) {
      const waitMs = Math.min(10, durationSeconds(field(operation, 'Timeout'), 5)) * 1000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        point.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const messages = point.queue.splice(0, limit);
    const now = ctx.deviceNow();
    return `<tev:PullMessagesResponse><tev:CurrentTime>${iso(now)}</tev:CurrentTime><tev:TerminationTime>${iso(point.terminatesAt)}</tev:TerminationTime>${messages.map(notificationXml).join('')}</tev:PullMessagesResponse>`;
  },
  Renew: (ctx, operation, path) => {
    const point = pullPointOf(ctx, path);
    const now = ctx.deviceNow();
    point.terminatesAt = now + durationSeconds(field(operation, 'TerminationTime'), 60) * 1000;
    return `<wsnt:RenewResponse><wsnt:TerminationTime>${iso(point.terminatesAt)}</wsnt:TerminationTime><wsnt:CurrentTime>${iso(now)}</wsnt:CurrentTime></wsnt:RenewResponse>`;
  },
  Unsubscribe: (ctx, _operation, path) => {
    const point = pullPointOf(ctx, path);
    ctx.pullPoints.delete(point.id);
    for (const wake of point.waiters.splice(0)) wake();
    return '<wsnt:UnsubscribeResponse/>';
  },
};
