import { describe, expect, it } from 'vitest';
import { RtspMessageReader, type RtspEvent } from '../../src/media/rtsp/message.ts';
import { InvalidError } from '../../src/shared/errors.ts';
import { frameBytes, responseBytes, splitAt } from './support/rtsp-bytes.ts';

const feedAll = (reader: RtspMessageReader, chunks: Buffer[]): RtspEvent[] => chunks.flatMap((chunk) => reader.feed(chunk));

const describeAnswer = responseBytes(200, 'OK', [['CSeq', '2'], ['Content-Type', 'application/sdp']], 'v=0\r\ns=x\r\n');

describe('RTSP message reader', () => {
  it('reads a response with its body by Content-Length, headers case-insensitive', () => {
    const [event] = new RtspMessageReader().feed(describeAnswer);
    expect(event?.type).toBe('response');
    if (event?.type !== 'response') return;
    expect(event.status).toBe(200);
    expect(event.reason).toBe('OK');
    expect(event.headers.get('cseq')).toBe('2');
    expect(event.headers.get('CONTENT-TYPE')).toBe('application/sdp');
    expect(event.body.toString()).toBe('v=0\r\ns=x\r\n');
  });

  it('reassembles a response split at every byte', () => {
    const reader = new RtspMessageReader();
    const events = feedAll(reader, splitAt(describeAnswer, [...describeAnswer.keys()]));
    expect(events).toHaveLength(1);
    expect(events[0]?.type === 'response' && events[0].body.toString()).toBe('v=0\r\ns=x\r\n');
    expect(reader.pendingBytes).toBe(0);
  });

  it('reads several messages and interleaved frames from one chunk, in order', () => {
    const data = Buffer.concat([
      responseBytes(200, 'OK', [['CSeq', '1']]),
      frameBytes(0, Buffer.from([1, 2, 3])),
      frameBytes(1, Buffer.alloc(0)),
      describeAnswer,
      frameBytes(0, Buffer.alloc(1400, 9)),
    ]);
    const events = new RtspMessageReader().feed(data);
    expect(events.map((e) => (e.type === 'interleaved' ? `${e.channel}:${e.payload.length}` : e.type))).toEqual(['response', '0:3', '1:0', 'response', '0:1400']);
  });

  it('hands out interleaved payloads as views, not copies, and never overwrites them later', () => {
    const reader = new RtspMessageReader();
    const chunk = Buffer.concat([frameBytes(0, Buffer.from('abcd')), frameBytes(0, Buffer.from('efgh')).subarray(0, 5)]);
    const [first] = reader.feed(chunk);
    expect(first?.type === 'interleaved' && first.payload.buffer).toBe(chunk.buffer);
    const [second] = reader.feed(Buffer.from('fgh'));
    const third = reader.feed(frameBytes(0, Buffer.from('ijkl')));
    expect(second?.type === 'interleaved' && second.payload.toString()).toBe('efgh');
    expect(third[0]?.type === 'interleaved' && third[0].payload.toString()).toBe('ijkl');
    expect(second?.type === 'interleaved' && second.payload.toString()).toBe('efgh');
  });

  it('skips garbage to the next $ or RTSP/ and counts what it skipped', () => {
    const reader = new RtspMessageReader();
    const garbage = Buffer.from('\x00\xff junk that is not rtsp ');
    const events = feedAll(reader, [garbage, frameBytes(0, Buffer.from('x')), Buffer.from('more junk'), describeAnswer]);
    expect(events.map((e) => e.type)).toEqual(['interleaved', 'response']);
    expect(reader.skippedBytes).toBe(garbage.length + 'more junk'.length);
  });

  it('treats a malformed status line as garbage', () => {
    const reader = new RtspMessageReader();
    const events = reader.feed(Buffer.concat([Buffer.from('RTSP/1.0 abc\r\n\r\n'), describeAnswer]));
    expect(events).toHaveLength(1);
    expect(reader.skippedBytes).toBe('RTSP/1.0 abc\r\n\r\n'.length);
  });

  it('reads requests the server sends, and continuation lines', () => {
    const [event] = new RtspMessageReader().feed(Buffer.from('GET_PARAMETER rtsp://cam/ RTSP/1.0\r\nCSeq: 7\r\nX-Long: a\r\n  b\r\n\r\n'));
    expect(event).toMatchObject({ type: 'request', method: 'GET_PARAMETER', uri: 'rtsp://cam/' });
    expect(event?.type === 'request' && event.headers.get('x-long')).toBe('a b');
  });

  it('refuses an endless header with E_RTSP_PROTOCOL instead of buffering it', () => {
    const reader = new RtspMessageReader({ maxHeaderBytes: 1024 });
    reader.feed(Buffer.from('RTSP/1.0 200 OK\r\n'));
    const flood = () => {
      for (let i = 0; i < 100; i++) reader.feed(Buffer.from('X-Flood: aaaaaaaaaaaaaaaaaaaaaaaaa\r\n'));
    };
    expect(flood).toThrow(InvalidError);
    expect(reader.pendingBytes).toBe(0);
  });

  it('refuses a body over the limit and a bad Content-Length with E_RTSP_PROTOCOL', () => {
    const big = () => new RtspMessageReader({ maxBodyBytes: 100 }).feed(Buffer.from('RTSP/1.0 200 OK\r\nContent-Length: 101\r\n\r\n'));
    const bad = () => new RtspMessageReader().feed(Buffer.from('RTSP/1.0 200 OK\r\nContent-Length: -1\r\n\r\n'));
    for (const run of [big, bad]) {
      try {
        run();
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidError);
        expect((error as InvalidError).code).toBe('E_RTSP_PROTOCOL');
      }
    }
  });

  it('bounds what it holds for a plausible but endless start line', () => {
    const reader = new RtspMessageReader({ maxHeaderBytes: 256 });
    for (let i = 0; i < 100; i++) reader.feed(Buffer.from('AAAAAAAAAAAAAAAAAAAA'));
    expect(reader.pendingBytes).toBeLessThanOrEqual(256 + 20);
    expect(reader.skippedBytes).toBeGreaterThan(0);
  });
});
