/**
 * Events across a cluster's API processes (LISTEN/NOTIFY): an alarm raised on A reaches the browser's
 * event stream on B, once; B's own queue-once subscribers (webhooks, syslog) do not hear it again.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustosEvent } from '../../src/events/event-bus.ts';
import { openPair, pgUrl, type Node, type Pair } from './stateless-support.ts';

const listening = new Map<Node, string>();

/** Opens GET /api/alarms/events on a listening node; `events` fills as the stream says `event: …`. */
async function openStream(node: Node, token: string): Promise<{ events: { type: string; data: { id: string; kind: string } }[]; close(): void }> {
  const address = listening.get(node) ?? (await node.app.listen({ host: '127.0.0.1', port: 0 }));
  listening.set(node, address);
  const events: { type: string; data: { id: string; kind: string } }[] = [];
  return new Promise((resolve, reject) => {
    const request = http.get(`${address}/api/alarms/events`, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/event-stream');
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) events.push({ type, data: JSON.parse(data) as { id: string; kind: string } });
        }
      });
      resolve({ events, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!pgUrl())('events across API processes', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await openPair();
  });
  afterAll(async () => {
    await pair?.close();
  });

  it('an alarm raised on A arrives as a server-sent event on B, once, and on A’s own stream once', async () => {
    const onB = await openStream(pair.b, pair.admin.token);
    const onA = await openStream(pair.a, pair.admin.token);
    const heardLocallyOnB: CustosEvent[] = [];
    const off = pair.b.services.bus.subscribe((event) => void heardLocallyOnB.push(event));
    try {
      const alarm = await pair.a.services.alarms.raise({ kind: 'STORAGE_AT_RISK', details: { freeBytes: 1 } });
      await until(() => onB.events.length > 0 && onA.events.length > 0);
      // Time for a duplicate (an echo of A's own notification) to show up, were there one.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(onB.events).toEqual([{ type: 'alarm.raised', data: expect.objectContaining({ id: alarm.id, kind: 'STORAGE_AT_RISK' }) }]);
      expect(onA.events.map((e) => e.data.id)).toEqual([alarm.id]);
      // B's webhook queue and syslog hear only B's own events: A queued this one already.
      expect(heardLocallyOnB).toEqual([]);
    } finally {
      off();
      onA.close();
      onB.close();
    }
  });

  it('an alarm too large for one NOTIFY travels as its id and arrives whole', async () => {
    const onB = await openStream(pair.b, pair.admin.token);
    try {
      const alarm = await pair.a.services.alarms.raise({ kind: 'STORAGE_AT_RISK', subject: 'large', details: { note: 'x'.repeat(9_000) } });
      await until(() => onB.events.length > 0);
      expect(onB.events[0]).toMatchObject({ type: 'alarm.raised', data: { id: alarm.id, details: { note: 'x'.repeat(9_000) } } });
    } finally {
      onB.close();
    }
  });
});
