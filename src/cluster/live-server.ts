/**
 * A recorder process's internal HTTP server: API processes fetch the live fragments of the cameras this
 * recorder holds. `GET /live/:cameraId`, signed with the cluster key (cluster-signature.ts; 403 otherwise),
 * 404 when this recorder does not record the camera, else an endless response of live-wire.ts frames.
 *
 * All connections to one camera share one tap on the recorder, off when the last leaves. A connection that
 * joins gets the newest init and the fragments since the newest keyframe at once. A connection too far
 * behind is cut (the API side reconnects), and every connection to a camera this recorder no longer
 * records (lease lost) is ended, so that the API side follows the lease to the new holder.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecorderView } from '../recorder/recorder-view.ts';
import type { LiveChunk } from '../viewing/live-hub.ts';
import { CLUSTER_SIGNATURE_HEADER, verifyClusterRequest } from './cluster-signature.ts';
import { encodeHeartbeat, encodeLiveChunk } from './live-wire.ts';

export interface RecorderLiveServerOptions {
  recorder: RecorderView;
  host: string;
  /** 0: any free port. */
  port: number;
  /** The address written into recorder_nodes.live_url; default: host. */
  advertiseHost?: string | undefined;
  /** The cluster's HMAC key (KeyRing.clusterKey()). */
  key: Buffer;
  /** Heartbeat frames and the check that the cameras are still recorded here, every this many ms (2000). */
  heartbeatMs?: number;
}

export interface RecorderLiveServer {
  /** http://advertiseHost:port, for recorder_nodes.live_url. */
  url: string;
  /** Cameras with a tap on now (tests). */
  readonly tappedCameras: readonly string[];
  close(): Promise<void>;
}

const LIVE_PATH = /^\/live\/([A-Za-z0-9._-]{1,64})$/;
/** A connection with more than this waiting in its socket is cut: the API side reconnects at a keyframe. */
const MAX_BUFFERED = 8 * 1024 * 1024;
/** What a joining connection gets of the current group of pictures, at most. */
const GOP_MAX_BYTES = 8 * 1024 * 1024;

interface Feed {
  connections: Set<http.ServerResponse>;
  init?: Buffer;
  gop: Buffer[];
  gopBytes: number;
}

export async function startRecorderLiveServer(options: RecorderLiveServerOptions): Promise<RecorderLiveServer> {
  const feeds = new Map<string, Feed>();

  const send = (res: http.ServerResponse, frame: Buffer) => {
    if (res.destroyed) return;
    if (res.writableLength > MAX_BUFFERED) res.destroy();
    else res.write(frame);
  };

  const deliver = (feed: Feed, chunk: LiveChunk) => {
    const frame = encodeLiveChunk(chunk);
    if (chunk.kind === 'init') {
      feed.init = frame;
      feed.gop = [];
      feed.gopBytes = 0;
    } else if (chunk.keyframe) {
      feed.gop = [frame];
      feed.gopBytes = frame.length;
    } else if (feed.gop.length > 0) {
      feed.gop.push(frame);
      feed.gopBytes += frame.length;
      if (feed.gopBytes > GOP_MAX_BYTES) [feed.gop, feed.gopBytes] = [[], 0];
    }
    for (const res of feed.connections) send(res, frame);
  };

  const join = (cameraId: string, res: http.ServerResponse) => {
    let feed = feeds.get(cameraId);
    if (!feed) {
      const created: Feed = { connections: new Set(), gop: [], gopBytes: 0 };
      feeds.set(cameraId, created);
      options.recorder.setLiveTap(cameraId, (chunk) => deliver(created, chunk));
      feed = created;
    }
    feed.connections.add(res);
    if (feed.init) send(res, feed.init);
    if (feed.init) for (const frame of feed.gop) send(res, frame);
    const own = feed;
    res.on('close', () => {
      own.connections.delete(res);
      if (own.connections.size === 0 && feeds.get(cameraId) === own) {
        feeds.delete(cameraId);
        options.recorder.setLiveTap(cameraId, null);
      }
    });
  };

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://recorder').pathname;
    const refuse = (status: number) => res.writeHead(status, { 'content-type': 'text/plain' }).end(http.STATUS_CODES[status]);
    if (!verifyClusterRequest(options.key, req.method ?? '', path, header(req))) return refuse(403);
    const cameraId = LIVE_PATH.exec(path)?.[1];
    if (req.method !== 'GET' || cameraId === undefined) return refuse(404);
    if (options.recorder.statusOf(cameraId) === undefined) return refuse(404);
    res.writeHead(200, { 'content-type': 'application/vnd.custos.live', 'cache-control': 'no-store' });
    res.flushHeaders();
    join(cameraId, res);
  });

  const heartbeat = setInterval(() => {
    const beat = encodeHeartbeat(Date.now());
    for (const [cameraId, feed] of feeds) {
      const held = options.recorder.statusOf(cameraId) !== undefined;
      for (const res of feed.connections) {
        if (held) send(res, beat);
        else res.end();
      }
    }
  }, options.heartbeatMs ?? 2000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.advertiseHost ?? options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    get tappedCameras() {
      return [...feeds.keys()];
    },
    async close() {
      clearInterval(heartbeat);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const feed of feeds.values()) for (const res of feed.connections) res.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}

function header(req: http.IncomingMessage): string | undefined {
  const value = req.headers[CLUSTER_SIGNATURE_HEADER];
  return Array.isArray(value) ? undefined : value;
}
