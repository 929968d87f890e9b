/**
 * The control connection is network input from a camera we do not trust. Whatever the bytes and
 * however TCP cuts them, the reader throws nothing but E_RTSP_PROTOCOL, and valid streams come
 * out exactly: every interleaved frame byte for byte, every response with its body.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RtspMessageReader, type RtspEvent } from '../../src/media/rtsp/message.ts';
import { InvalidError } from '../../src/shared/errors.ts';
import { frameBytes, responseBytes, splitAt } from './support/rtsp-bytes.ts';

type Item = { kind: 'frame'; channel: number; payload: Uint8Array } | { kind: 'response'; status: number; cseq: number; body: string };

const token = fc.stringMatching(/^[A-Za-z0-9 ./=;-]{0,40}$/);
const item: fc.Arbitrary<Item> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('frame' as const), channel: fc.integer({ min: 0, max: 255 }), payload: fc.uint8Array({ maxLength: 3000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('response' as const), status: fc.integer({ min: 100, max: 599 }), cseq: fc.nat(), body: token }) },
);

function encode(items: Item[]): Buffer {
  return Buffer.concat(
    items.map((i) => (i.kind === 'frame' ? frameBytes(i.channel, Buffer.from(i.payload)) : responseBytes(i.status, 'Reason', [['CSeq', String(i.cseq)], ['Session', 'abc;timeout=60']], i.body))),
  );
}

function summary(events: RtspEvent[]): string[] {
  return events.map((e) => (e.type === 'interleaved' ? `f${e.channel}:${e.payload.toString('hex')}` : e.type === 'response' ? `r${e.status}:${e.headers.get('cseq')}:${e.body.toString()}` : `q${e.method}`));
}

function expected(items: Item[]): string[] {
  return items.map((i) => (i.kind === 'frame' ? `f${i.channel}:${Buffer.from(i.payload).toString('hex')}` : `r${i.status}:${i.cseq}:${i.body}`));
}

/** Feeds chunks; only E_RTSP_PROTOCOL may escape, and then the reader is used afresh. */
function feedSafely(reader: RtspMessageReader, chunks: Buffer[]): RtspEvent[] {
  const events: RtspEvent[] = [];
  for (const chunk of chunks) {
    try {
      events.push(...reader.feed(chunk));
    } catch (error) {
      if (!(error instanceof InvalidError) || error.code !== 'E_RTSP_PROTOCOL') throw error;
      expect(reader.pendingBytes).toBe(0);
    }
  }
  return events;
}

const cuts = fc.array(fc.nat({ max: 200_000 }), { maxLength: 40 });

describe('RTSP message reader under fuzzing', () => {
  it('reassembles any valid stream exactly, whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 25 }), cuts, (items, points) => {
        const data = encode(items);
        const reader = new RtspMessageReader();
        const events = splitAt(data, points.map((p) => p % (data.length + 1))).flatMap((chunk) => reader.feed(chunk));
        expect(summary(events)).toEqual(expected(items));
        expect(reader.skippedBytes).toBe(0);
        expect(reader.pendingBytes).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but E_RTSP_PROTOCOL on random bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 2000 }), { maxLength: 20 }), (chunks) => {
        const reader = new RtspMessageReader({ maxHeaderBytes: 512, maxBodyBytes: 4096 });
        feedSafely(reader, chunks.map((c) => Buffer.from(c)));
        expect(reader.pendingBytes).toBeLessThanOrEqual(65_539 + 4096 + 512);
      }),
      { numRuns: 500 },
    );
  });

  it('survives mutated valid streams (flipped, inserted, deleted bytes) with bounded memory', () => {
    const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('flip', 'insert', 'delete'), byte: fc.constantFrom(0x24, 0x0a, 0x0d, 0x52, 0x20, 0x3a, 0x00, 0xff, 0x41) });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 15 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), cuts, (items, mutations, points) => {
        const bytes = [...encode(items)];
        for (const m of mutations) {
          const at = m.at % (bytes.length + 1);
          if (m.kind === 'insert') bytes.splice(at, 0, m.byte);
          else if (m.kind === 'delete') bytes.splice(at, 1);
          else if (at < bytes.length) bytes[at] = m.byte;
        }
        const data = Buffer.from(bytes);
        const reader = new RtspMessageReader({ maxHeaderBytes: 1024, maxBodyBytes: 4096 });
        feedSafely(reader, splitAt(data, points.map((p) => p % (data.length + 1))));
        expect(reader.pendingBytes).toBeLessThanOrEqual(65_539 + 4096 + 1024);
      }),
      { numRuns: 400 },
    );
  });

  it('resynchronises: after garbage without $ or RTSP/, the valid stream comes out whole', () => {
    const garbage = fc.uint8Array({ minLength: 1, maxLength: 300 }).map((g) => Buffer.from(g.map((b) => (b === 0x24 ? 0x23 : b))).toString('latin1').replace(/RTSP\//g, 'rtsp/'));
    fc.assert(
      fc.property(garbage, fc.array(item, { minLength: 1, maxLength: 10 }), cuts, (junk, items, points) => {
        // Garbage is known as such at the latest at its end: a line end then a `$` frame starts the stream.
        const data = Buffer.concat([Buffer.from(junk, 'latin1'), Buffer.from('\r\n'), frameBytes(9, Buffer.from('sync')), encode(items)]);
        const reader = new RtspMessageReader({ maxHeaderBytes: 4096 });
        const events = feedSafely(reader, splitAt(data, points.map((p) => p % (data.length + 1))));
        expect(summary(events).slice(-items.length)).toEqual(expected(items));
      }),
      { numRuns: 300 },
    );
  });
});
