/** One RTSP control connection over TCP: numbered requests, matched responses, interleaved frames. */
import net from 'node:net';
import { DomainError } from '../../shared/errors.ts';
import { RtspError } from './errors.ts';
import { RtspMessageReader, type RtspRequestEvent, type RtspResponseEvent } from './message.ts';

export interface ConnectionHandlers {
  onInterleaved(channel: number, payload: Buffer): void;
  /** Called once, when the connection ends for any reason. */
  onClose(error: Error | undefined): void;
  onServerRequest?(request: RtspRequestEvent): void;
}

interface Pending {
  resolve(response: RtspResponseEvent): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const clean = (value: string) => value.replace(/[\r\n]+/g, ' ');

export class RtspConnection {
  private readonly reader = new RtspMessageReader();
  private readonly pending = new Map<number, Pending>();
  private cseq = 0;
  private closed = false;

  private constructor(
    private readonly socket: net.Socket,
    private readonly handlers: ConnectionHandlers,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.finish(new RtspError('E_RTSP_NETWORK', error.message)));
    socket.on('close', () => this.finish(new RtspError('E_RTSP_NETWORK', 'connection closed by the server')));
  }

  static connect(host: string, port: number, timeoutMs: number, handlers: ConnectionHandlers): Promise<RtspConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
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
        resolve(new RtspConnection(socket, handlers));
      });
    });
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }

  get skippedBytes(): number {
    return this.reader.skippedBytes;
  }

  request(method: string, url: string, headers: Record<string, string | undefined>, timeoutMs: number): Promise<RtspResponseEvent> {
    if (this.closed) return Promise.reject(new RtspError('E_RTSP_NETWORK', 'connection is closed'));
    const cseq = ++this.cseq;
    let text = `${method} ${clean(url)} RTSP/1.0\r\nCSeq: ${cseq}\r\n`;
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) text += `${name}: ${clean(value)}\r\n`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(cseq);
        reject(new RtspError('E_RTSP_TIMEOUT', `no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(cseq, { resolve, reject, timer });
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

  private onData(chunk: Buffer): void {
    let events;
    try {
      events = this.reader.feed(chunk);
    } catch (error) {
      const message = error instanceof DomainError ? `${error.code}: ${error.localized.en}` : String(error);
      this.finish(new RtspError('E_RTSP_PROTOCOL', message));
      return;
    }
    for (const event of events) {
      if (this.closed) return;
      if (event.type === 'interleaved') this.handlers.onInterleaved(event.channel, event.payload);
      else if (event.type === 'request') this.handlers.onServerRequest?.(event);
      else this.settle(event);
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
