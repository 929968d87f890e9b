/** Test-only: a syslog collector (the "syslog mock") on a real UDP socket and a real TCP port (RFC 6587 octet counting). */
import dgram from 'node:dgram';
import net from 'node:net';

export interface SyslogListener {
  port: number;
  messages: string[];
  /** Resolves with the first message that matches, or rejects after `timeoutMs`. */
  waitFor(match: (message: string) => boolean, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

function collector(messages: string[]) {
  const waiters: { match: (m: string) => boolean; resolve: (m: string) => void }[] = [];
  const add = (message: string) => {
    messages.push(message);
    for (const w of [...waiters]) {
      if (w.match(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  };
  const waitFor = (match: (m: string) => boolean, timeoutMs = 5000) =>
    new Promise<string>((resolve, reject) => {
      const found = messages.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`no matching syslog message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`)), timeoutMs);
      waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  return { add, waitFor };
}

export async function udpListener(): Promise<SyslogListener> {
  const messages: string[] = [];
  const { add, waitFor } = collector(messages);
  const socket = dgram.createSocket('udp4');
  socket.on('message', (buf) => add(buf.toString('utf8')));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return { port: socket.address().port, messages, waitFor, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

/** Parses octet-counted frames (`LEN SP MSG`); a frame that is not is recorded as `!BAD FRAME`. */
export function tcpListener(): Promise<SyslogListener & { connections: number }> {
  return tcpListenerAt(0);
}

export async function tcpListenerAt(port: number): Promise<SyslogListener & { connections: number }> {
  const messages: string[] = [];
  const { add, waitFor } = collector(messages);
  const sockets = new Set<net.Socket>();
  const state = { connections: 0 };
  const server = net.createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const space = buffer.indexOf(0x20);
        if (space < 0) return;
        const length = Number(buffer.subarray(0, space).toString('ascii'));
        if (!Number.isInteger(length) || length <= 0) {
          add('!BAD FRAME');
          buffer = Buffer.alloc(0);
          return;
        }
        if (buffer.length < space + 1 + length) return;
        add(buffer.subarray(space + 1, space + 1 + length).toString('utf8'));
        buffer = buffer.subarray(space + 1 + length);
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    messages,
    waitFor,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
