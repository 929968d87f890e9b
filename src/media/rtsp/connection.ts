/** One RTSP control connection over TCP: numbered requests, matched responses, interleaved frames. */
import net from 'node:net';
import { DomainError } from '../../shared/errors.ts';
import { RtspError } from './errors.ts';
import { RtspMessageReader, type RtspEventSink, type RtspRequestEvent, type RtspResponseEvent } from './message.ts';

export interface ConnectionHandlers {
  onInterleaved(channel: number, payload: Buffer): void;
  /** Called once, when the connection ends for any reason. */
  onClose(error: Error | undefined): void;
  onServerRequest?(request: RtspRequestEvent): void;
}

export interface ConnectOptions {
  /**
   * Read into one buffer shared by every connection of this thread, reused for each read, instead of
   * a new buffer per read. Interleaved payloads are then views that are only valid during
   * `onInterleaved`: the handler must copy what it keeps (the depacketizer does).
   */
  reuseReadBuffer?: boolean;
}

export interface RequestOptions {
  /**
   * Default true: when the timeout comes while the connection is still delivering bytes (we are behind
   * reading the server's backlog; the answer may be queued behind media), wait another `timeoutMs`,
   * up to MAX_WAIT_PERIODS in all. A silent peer still times out after `timeoutMs`.
   */
  patientWhileReceiving?: boolean;
}

/** A request waits at most this many timeouts while bytes keep arriving (bounded, e.g. for a camera that never answers). */
const MAX_WAIT_PERIODS = 12;

/** Large enough that a connection with a backlog is drained in few reads. */
const SHARED_READ_BYTES = 256 * 1024;
let sharedReadBuffer: Buffer | undefined;

interface Pending {
  resolve(response: RtspResponseEvent): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const clean = (value: string) => value.replace(/[\r\n]+/g, ' ');

export class RtspConnection {
  private readonly reader: RtspMessageReader;
  private readonly pending = new Map<number, Pending>();
  private cseq = 0;
  private closed = false;
  /** Bytes read so far: whether the connection delivered anything between two moments. */
  private bytesRead = 0;

  private constructor(
    private readonly socket: net.Socket,
    private readonly handlers: ConnectionHandlers,
    private readonly reusedReads: boolean,
  ) {
    this.reader = new RtspMessageReader({}, { keepBuffer: reusedReads });
    socket.setNoDelay(true);
    if (!reusedReads) socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.finish(new RtspError('E_RTSP_NETWORK', error.message)));
    socket.on('close', () => this.finish(new RtspError('E_RTSP_NETWORK', 'connection closed by the server')));
  }

  static connect(host: string, port: number, timeoutMs: number, handlers: ConnectionHandlers, options: ConnectOptions = {}): Promise<RtspConnection> {
    return new Promise((resolve, reject) => {
      const reuse = options.reuseReadBuffer === true;
      let connection: RtspConnection | undefined;
      const early: Buffer[] = [];
      const socket = reuse
        ? net.connect({
            host,
            port,
            onread: {
              buffer: (sharedReadBuffer ??= Buffer.allocUnsafeSlow(SHARED_READ_BYTES)),
              callback: (bytes: number, buffer: Uint8Array) => {
                const chunk = (buffer as Buffer).subarray(0, bytes);
                if (connection) connection.onData(chunk);
                else early.push(Buffer.from(chunk));
                return true;
              },
            },
          })
        : net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new RtspError('E_RTSP_TIMEOUT', `no TCP connection to ${host}:${port} within ${timeoutMs} ms`));
      }, timeoutMs);
      const onError = (error: Error) => {
        clearTimeout(timer);
        reject(new RtspError('E_RTSP_NETWORK', `cannot connect to ${host}:${port}: ${error.message}`));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        connection = new RtspConnection(socket, handlers, reuse);
        for (const chunk of early.splice(0)) connection.onData(chunk);
        resolve(connection);
      });
    });
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }

  get skippedBytes(): number {
    return this.reader.skippedBytes;
  }

  request(method: string, url: string, headers: Record<string, string | undefined>, timeoutMs: number, options: RequestOptions = {}): Promise<RtspResponseEvent> {
    if (this.closed) return Promise.reject(new RtspError('E_RTSP_NETWORK', 'connection is closed'));
    const cseq = ++this.cseq;
    let text = `${method} ${clean(url)} RTSP/1.0\r\nCSeq: ${cseq}\r\n`;
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) text += `${name}: ${clean(value)}\r\n`;
    const patient = options.patientWhileReceiving !== false;
    return new Promise((resolve, reject) => {
      let periods = 1;
      const expire = () => {
        // Timers run before the poll phase: after a blocked event loop the answer may be waiting
        // unread. Judge after the next poll (setImmediate runs after it) has read what is there.
        const readBefore = this.bytesRead;
        setImmediate(() => {
          const waiter = this.pending.get(cseq);
          if (!waiter) return; // answered or closed meanwhile
          if (patient && this.bytesRead > readBefore && periods < MAX_WAIT_PERIODS) {
            periods++;
            waiter.timer = setTimeout(expire, timeoutMs);
            return;
          }
          this.pending.delete(cseq);
          reject(new RtspError('E_RTSP_TIMEOUT', `no answer to ${method} within ${timeoutMs * periods} ms`));
        });
      };
      this.pending.set(cseq, { resolve, reject, timer: setTimeout(expire, timeoutMs) });
      this.socket.write(`${text}\r\n`);
    });
  }

  /** Answers a server's request (RFC 2326 §10: the client must reply). */
  reply(request: RtspRequestEvent, status: number, reason: string): void {
    if (this.closed) return;
    const cseq = request.headers.get('cseq');
    this.socket.write(`RTSP/1.0 ${status} ${reason}\r\n${cseq ? `CSeq: ${clean(cseq)}\r\n` : ''}\r\n`);
  }

  /** Sends raw bytes on the control connection (RTCP receiver reports over interleaved TCP). */
  write(data: Buffer): void {
    if (!this.closed) this.socket.write(data);
  }

  close(): void {
    this.finish(undefined);
  }

  /** Each message as it is read: no list, no event object per RTP packet. */
  private readonly sink: RtspEventSink = {
    interleaved: (channel, payload) => {
      if (!this.closed) this.handlers.onInterleaved(channel, payload);
    },
    message: (event) => {
      if (this.closed) return;
      // Bodies are read later (after a promise settles): never a view into a reused read buffer.
      if (this.reusedReads) event.body = Buffer.from(event.body);
      if (event.type === 'request') this.handlers.onServerRequest?.(event);
      else this.settle(event);
    },
  };

  private onData(chunk: Buffer): void {
    this.bytesRead += chunk.length;
    try {
      this.reader.feed(chunk, this.sink);
    } catch (error) {
      const message = error instanceof DomainError ? `${error.code}: ${error.localized.en}` : String(error);
      this.finish(new RtspError('E_RTSP_PROTOCOL', message));
    }
  }

  private settle(response: RtspResponseEvent): void {
    const cseq = Number(response.headers.get('cseq'));
    // A response without a usable CSeq answers the oldest outstanding request.
    const key = this.pending.has(cseq) ? cseq : this.pending.keys().next().value;
    if (key === undefined) return;
    const waiter = this.pending.get(key);
    this.pending.delete(key);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    waiter.resolve(response);
  }

  private finish(error: Error | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    for (const waiter of this.pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(error ?? new RtspError('E_RTSP_NETWORK', 'connection closed'));
    }
    this.pending.clear();
    this.handlers.onClose(error);
  }
}
