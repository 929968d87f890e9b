/**
 * Incremental reader of what an RTSP server sends on the control connection: responses, the
 * occasional server request, and RTP/RTCP frames interleaved as `$ channel length payload`
 * (RFC 2326 §10.12). Garbage is skipped up to the next `$` or `RTSP/` and counted.
 *
 * Zero-copy: frames are views into the chunk they arrived in, or into the reader's own buffer
 * when they straddled chunks. Bytes once handed out are never overwritten: the own buffer only
 * appends at its end and, when full, is replaced by a fresh one (never compacted in place).
 */
import { InvalidError } from '../../shared/errors.ts';
import { RtspHeaders } from './headers.ts';

export interface RtspResponseEvent {
  type: 'response';
  status: number;
  reason: string;
  headers: RtspHeaders;
  body: Buffer;
}
/** A request from the server (e.g. GET_PARAMETER, ANNOUNCE); RFC 2326 lets servers send them. */
export interface RtspRequestEvent {
  type: 'request';
  method: string;
  uri: string;
  headers: RtspHeaders;
  body: Buffer;
}
export interface InterleavedEvent {
  type: 'interleaved';
  channel: number;
  payload: Buffer;
}
export type RtspEvent = RtspResponseEvent | RtspRequestEvent | InterleavedEvent;

export interface ReaderLimits {
  /** Start line plus header fields. */
  maxHeaderBytes: number;
  maxBodyBytes: number;
}
export const DEFAULT_READER_LIMITS: ReaderLimits = { maxHeaderBytes: 16 * 1024, maxBodyBytes: 1024 * 1024 };

const DOLLAR = 0x24;
const LF = 0x0a;
const CR = 0x0d;
const MAGIC = Buffer.from('RTSP/', 'latin1');
const MIN_CAPACITY = 64 * 1024;
const EMPTY = Buffer.alloc(0);
const STATUS_LINE = /^RTSP\/\d\.\d (\d{3})(?: (.*))?$/;
const REQUEST_LINE = /^([A-Z][A-Z_-]*) (\S+) RTSP\/\d\.\d$/;
const NEED_MORE = -1;
const GARBAGE = -2;

/** A message whose head is parsed and whose body has not fully arrived (offsets relative to it). */
interface PendingHead {
  event: Omit<RtspResponseEvent, 'body'> | Omit<RtspRequestEvent, 'body'>;
  headerLength: number;
  bodyLength: number;
}

/** Takes each message as soon as it is read, in order, instead of a list from `feed`. */
export interface RtspEventSink {
  interleaved(channel: number, payload: Buffer): void;
  message(event: RtspResponseEvent | RtspRequestEvent): void;
}

export interface ReaderOptions {
  /**
   * Keep the reader's own buffer when it empties, and move what is pending to its front at the next
   * `feed`, instead of taking a fresh one: for callers that copy every payload they keep before the
   * next `feed` (the bytes handed out are then overwritten by it).
   */
  keepBuffer?: boolean;
}

export class RtspMessageReader {
  /** Bytes discarded while resynchronising. */
  skippedBytes = 0;
  private readonly limits: ReaderLimits;
  private buf: Buffer = EMPTY;
  private start = 0;
  private end = 0;
  private head: PendingHead | undefined;
  /** How far (from the pending message's start) the search for the end of its header got. */
  private headerScan = 0;

  private readonly keepBuffer: boolean;
  private sink: RtspEventSink | undefined;

  constructor(limits: Partial<ReaderLimits> = {}, options: ReaderOptions = {}) {
    this.limits = { ...DEFAULT_READER_LIMITS, ...limits };
    this.keepBuffer = options.keepBuffer === true;
  }

  /** Bytes held for a message that has not completely arrived. */
  get pendingBytes(): number {
    return this.end - this.start;
  }

  /**
   * Reads a chunk and returns the messages it completes, in order (or, with a sink, hands each to it
   * as soon as it is read, and returns none). Throws only an InvalidError with code E_RTSP_PROTOCOL
   * when a size limit is exceeded; the reader is then empty again.
   */
  feed(chunk: Buffer, sink?: RtspEventSink): RtspEvent[] {
    const events: RtspEvent[] = [];
    this.sink = sink;
    if (this.keepBuffer && this.start > 0) {
      // Only here, before this call hands out any view: the last call's views have been used.
      this.buf.copyWithin(0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
    }
    try {
      let pos = 0;
      while (this.end > this.start && pos < chunk.length) {
        // Copy only what the pending message still needs; the rest is parsed in place.
        const take = Math.min(chunk.length - pos, this.wanted());
        this.append(chunk, pos, pos + take);
        pos += take;
        this.start = this.parse(this.buf.subarray(0, this.end), this.start, events);
      }
      if (pos < chunk.length) {
        const rest = this.parse(chunk, pos, events);
        if (rest < chunk.length) this.append(chunk, rest, chunk.length);
      }
      if (this.start === this.end) this.release();
    } catch (error) {
      this.release();
      throw error;
    } finally {
      this.sink = undefined;
    }
    return events;
  }

  private wanted(): number {
    const have = this.end - this.start;
    if (this.head) return Math.max(1, this.head.headerLength + this.head.bodyLength - have);
    if (this.buf[this.start] === DOLLAR) {
      if (have < 4) return 4 - have;
      return Math.max(1, 4 + this.buf.readUInt16BE(this.start + 2) - have);
    }
    return Number.POSITIVE_INFINITY;
  }

  private append(src: Buffer, from: number, to: number): void {
    const n = to - from;
    if (this.buf.length - this.end < n) {
      const pending = this.end - this.start;
      const next = Buffer.allocUnsafe(Math.max(MIN_CAPACITY, 2 * (pending + n)));
      this.buf.copy(next, 0, this.start, this.end);
      this.buf = next;
      this.start = 0;
      this.end = pending;
    }
    src.copy(this.buf, this.end, from, to);
    this.end += n;
  }

  private release(): void {
    if (!this.keepBuffer || this.buf.length > 2 * MIN_CAPACITY) this.buf = EMPTY;
    this.start = 0;
    this.end = 0;
    this.head = undefined;
    this.headerScan = 0;
  }

  /** Parses complete messages from `pos`; returns where the first incomplete one starts. */
  private parse(view: Buffer, pos: number, events: RtspEvent[]): number {
    const end = view.length;
    while (pos < end) {
      const first = view[pos];
      if (first === DOLLAR) {
        if (end - pos < 4) break;
        const length = view.readUInt16BE(pos + 2);
        if (end - pos < 4 + length) break;
        const channel = view[pos + 1] ?? 0;
        const payload = view.subarray(pos + 4, pos + 4 + length);
        if (this.sink) this.sink.interleaved(channel, payload);
        else events.push({ type: 'interleaved', channel, payload });
        pos += 4 + length;
        continue;
      }
      if (first === CR || first === LF) {
        pos += 1; // stray line ends between messages are harmless
        continue;
      }
      const next = this.parseText(view, pos, events);
      if (next === NEED_MORE) break;
      if (next === GARBAGE) {
        const resume = resyncPoint(view, pos + 1);
        this.skippedBytes += resume - pos;
        pos = resume;
        continue;
      }
      pos = next;
      this.head = undefined;
      this.headerScan = 0;
    }
    return pos;
  }

  private parseText(view: Buffer, pos: number, events: RtspEvent[]): number {
    const end = view.length;
    let head = this.head;
    if (!head) {
      const lineEnd = view.indexOf(LF, pos);
      if (lineEnd < 0) {
        if (end - pos > this.limits.maxHeaderBytes) return GARBAGE;
        return plausibleStart(view, pos, end) ? NEED_MORE : GARBAGE;
      }
      if (lineEnd - pos > this.limits.maxHeaderBytes) return GARBAGE;
      const line = trimCr(view.toString('latin1', pos, lineEnd));
      const status = STATUS_LINE.exec(line);
      const request = status ? null : REQUEST_LINE.exec(line);
      if (!status && !request) return GARBAGE;

      const headerEnd = this.findHeaderEnd(view, pos, lineEnd + 1);
      if (headerEnd < 0) {
        if (end - pos > this.limits.maxHeaderBytes) throw limitError('header', end - pos);
        return NEED_MORE;
      }
      if (headerEnd - pos > this.limits.maxHeaderBytes) throw limitError('header', headerEnd - pos);
      const headers = parseHeaderLines(view.toString('utf8', lineEnd + 1, headerEnd));
      const bodyLength = contentLength(headers, this.limits.maxBodyBytes);
      const event = status
        ? { type: 'response' as const, status: Number(status[1]), reason: status[2] ?? '', headers }
        : { type: 'request' as const, method: request?.[1] ?? '', uri: request?.[2] ?? '', headers };
      head = { event, headerLength: headerEnd - pos, bodyLength };
      this.head = head;
    }
    const bodyStart = pos + head.headerLength;
    if (end - bodyStart < head.bodyLength) return NEED_MORE;
    const message = { ...head.event, body: view.subarray(bodyStart, bodyStart + head.bodyLength) };
    if (this.sink) this.sink.message(message);
    else events.push(message);
    return bodyStart + head.bodyLength;
  }

  /** Index just past the blank line ending the header, or -1; remembers how far it looked. */
  private findHeaderEnd(view: Buffer, messageStart: number, firstLine: number): number {
    let lineStart = Math.max(firstLine, messageStart + this.headerScan);
    for (;;) {
      const lf = view.indexOf(LF, lineStart);
      if (lf < 0) {
        this.headerScan = lineStart - messageStart;
        return -1;
      }
      if (lf === lineStart || (lf === lineStart + 1 && view[lineStart] === CR)) return lf + 1;
      lineStart = lf + 1;
    }
  }
}

function trimCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Could the bytes so far begin a status line (`RTSP/`) or a request line (`METHOD `)? */
function plausibleStart(view: Buffer, pos: number, end: number): boolean {
  let matches = true;
  for (let i = 0; i < MAGIC.length && pos + i < end; i++) {
    if (view[pos + i] !== MAGIC[i]) matches = false;
  }
  if (matches) return true;
  for (let i = pos; i < end; i++) {
    const b = view[i] ?? 0;
    if (b === 0x20) return i > pos;
    const upper = b >= 0x41 && b <= 0x5a;
    if (!upper && !(i > pos && (b === 0x5f || b === 0x2d))) return false;
  }
  return true;
}

/** The next `$` or `RTSP/` from `from`; failing both, the start of a trailing partial `RTSP/`. */
function resyncPoint(view: Buffer, from: number): number {
  const dollar = view.indexOf(DOLLAR, from);
  const magic = view.indexOf(MAGIC, from);
  if (dollar >= 0 || magic >= 0) return dollar < 0 ? magic : magic < 0 ? dollar : Math.min(dollar, magic);
  for (let keep = Math.min(MAGIC.length - 1, view.length - from); keep > 0; keep--) {
    if (view.subarray(view.length - keep).equals(MAGIC.subarray(0, keep))) return view.length - keep;
  }
  return view.length;
}

function parseHeaderLines(text: string): RtspHeaders {
  const headers = new RtspHeaders();
  let name: string | undefined;
  let value = '';
  const flush = () => {
    if (name !== undefined) headers.append(name, value.trim());
  };
  for (const raw of text.split('\n')) {
    const line = trimCr(raw);
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && name !== undefined) {
      value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    name = colon > 0 ? line.slice(0, colon).trim() : undefined;
    value = colon > 0 ? line.slice(colon + 1) : '';
  }
  flush();
  return headers;
}

function contentLength(headers: RtspHeaders, max: number): number {
  const raw = headers.get('content-length');
  if (raw === undefined) return 0; // RFC 2326 §12.14: absent means zero
  if (!/^\d{1,10}$/.test(raw)) throw new InvalidError('E_RTSP_PROTOCOL', { message: { zh: 'RTSP 消息的 Content-Length 无效', en: 'Invalid Content-Length in an RTSP message' }, details: { contentLength: raw.slice(0, 32) } });
  const length = Number(raw);
  if (length > max) throw limitError('body', length);
  return length;
}

function limitError(limit: 'header' | 'body', bytes: number): InvalidError {
  return new InvalidError('E_RTSP_PROTOCOL', {
    message: { zh: `RTSP 消息的${limit === 'header' ? '头部' : '正文'}超过上限`, en: `RTSP message ${limit} exceeds the limit` },
    details: { limit, bytes },
  });
}
