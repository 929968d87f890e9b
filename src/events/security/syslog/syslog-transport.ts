/**
 * Sends syslog messages to one collector: UDP, one datagram each (RFC 5426), or TCP with
 * octet-counting framing (RFC 6587 §3.4.1: `LENGTH SP MESSAGE`). The TCP connection is opened on the
 * first message and again after it drops; messages wait in a bounded queue meanwhile (the oldest go
 * first when it is full) so that a collector that is down never holds up Custos.
 */
import dgram from 'node:dgram';
import net from 'node:net';

export interface SyslogTarget {
  host: string;
  port: number;
  protocol: 'udp' | 'tcp';
}

/** UDP: the largest datagram sent; longer messages are cut (RFC 5426 §3.2 asks collectors for 2048 at least). */
export const MAX_DATAGRAM = 8192;
const MAX_QUEUED = 10_000;
const RECONNECT_MS = 2_000;
const FLUSH_MS = 3_000;
const CLOSE_GRACE_MS = 1_000;

function bounded(work: Promise<unknown>, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    void work.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export interface SyslogTransport {
  send(message: string): void;
  /** Resolves once everything queued so far has been written, or after `timeoutMs` (a collector that is down). */
  flush(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function openSyslogTransport(target: SyslogTarget, onError: (error: Error) => void = () => undefined): SyslogTransport {
  return target.protocol === 'udp' ? new UdpTransport(target, onError) : new TcpTransport(target, onError);
}

class UdpTransport implements SyslogTransport {
  private readonly socket: dgram.Socket;
  private inFlight = new Set<Promise<void>>();

  constructor(
    private readonly target: SyslogTarget,
    private readonly onError: (error: Error) => void,
  ) {
    this.socket = dgram.createSocket(net.isIPv6(target.host) ? 'udp6' : 'udp4');
    this.socket.on('error', onError);
    this.socket.unref();
  }

  send(message: string): void {
    const bytes = Buffer.from(message, 'utf8').subarray(0, MAX_DATAGRAM);
    const sent = new Promise<void>((resolve) => {
      this.socket.send(bytes, this.target.port, this.target.host, (error) => {
        if (error) this.onError(error);
        resolve();
      });
    });
    this.inFlight.add(sent);
    void sent.then(() => this.inFlight.delete(sent));
  }

  flush(timeoutMs = FLUSH_MS): Promise<void> {
    return bounded(Promise.all([...this.inFlight]), timeoutMs);
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}

class TcpTransport implements SyslogTransport {
  private socket: net.Socket | undefined;
  private connected = false;
  private closed = false;
  private retryAt = 0;
  private readonly queue: Buffer[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    private readonly target: SyslogTarget,
    private readonly onError: (error: Error) => void,
  ) {}

  send(message: string): void {
    if (this.closed) return;
    const body = Buffer.from(message, 'utf8');
    this.queue.push(Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]));
    if (this.queue.length > MAX_QUEUED) this.queue.shift();
    this.pump();
  }

  flush(timeoutMs = FLUSH_MS): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return bounded(new Promise<void>((resolve) => this.waiters.push(resolve)), timeoutMs);
  }

  /** Ends the connection (destroyed after a grace period if the collector does not answer); what is still queued is dropped. */
  async close(): Promise<void> {
    this.closed = true;
    this.release();
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }

  private pump(): void {
    if (this.closed) return this.release();
    if (!this.socket) return this.connect();
    if (!this.connected) return;
    while (this.queue.length > 0) {
      const frame = this.queue.shift() as Buffer;
      this.socket.write(frame);
    }
    this.release();
  }

  private connect(): void {
    const wait = this.retryAt - Date.now();
    if (wait > 0) {
      setTimeout(() => this.pump(), wait).unref();
      return;
    }
    const socket = net.connect({ host: this.target.host, port: this.target.port });
    this.socket = socket;
    socket.setKeepAlive(true);
    socket.unref();
    socket.on('connect', () => {
      this.connected = true;
      this.pump();
    });
    socket.on('error', (error) => this.onError(error));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.connected = false;
      this.retryAt = Date.now() + RECONNECT_MS;
      if (this.queue.length > 0) this.pump();
    });
  }

  private release(): void {
    if (this.queue.length > 0 && !this.closed) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
