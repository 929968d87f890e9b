/** A real HTTP receiver for the webhook tests: records each request and answers what the test says. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  at: number;
  headers: Record<string, string>;
  body: string;
}

export interface Receiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** The status the next requests get (default 204), and an optional Location. */
  answer(status: number, location?: string): void;
  waitFor(predicate: (r: ReceivedRequest) => boolean, what: string, timeoutMs?: number): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let status = 204;
  let location: string | undefined;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) if (typeof v === 'string') headers[k] = v;
      requests.push({ at: Date.now(), headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status, location ? { location } : {});
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/custos`,
    port,
    requests,
    answer(next, where) {
      status = next;
      location = where;
    },
    async waitFor(predicate, what, timeoutMs = 8000) {
      const started = Date.now();
      for (;;) {
        const found = requests.find(predicate);
        if (found) return found;
        if (Date.now() - started > timeoutMs) throw new Error(`no webhook request: ${what}; got ${requests.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
