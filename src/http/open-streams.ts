/**
 * Responses that never end by themselves (the server-sent event streams, the live fMP4 stream) are ended
 * when the app closes: a stop then waits for no browser, and the browser hears a clean end of the stream
 * (an EventSource reconnects, to another API process of a cluster or to this one once it is back).
 * Kept per HTTP server, which every encapsulated child of the app shares.
 */
import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';

const open = new WeakMap<Server, Set<() => void>>();

/** Once, on the root app before its routes: each registered stream is ended before the server closes. */
export function endStreamsOnClose(app: FastifyInstance): void {
  const ends = new Set<() => void>();
  open.set(app.server, ends);
  app.addHook('preClose', (done) => {
    for (const end of [...ends]) {
      try {
        end();
      } catch {
        // a stream that cannot end cleanly is closed with its socket by forceCloseConnections
      }
    }
    ends.clear();
    done();
  });
}

/** Ends this stream when the app closes; the function returned forgets it (call it once the stream is over). */
export function untilClose(app: FastifyInstance, end: () => void): () => void {
  const ends = open.get(app.server);
  ends?.add(end);
  return () => ends?.delete(end);
}
