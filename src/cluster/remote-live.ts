/**
 * Live fragments for an API process in a cluster: the recorder process holding the camera's lease serves
 * them (live-server.ts); this source finds it (camera_leases + recorder_nodes.live_url), opens the signed
 * stream and feeds the hub's tap. When the stream ends (the recorder died, or lost the camera) it looks
 * again every second and follows the lease to the new holder, so viewers continue after a takeover.
 *
 * After every (re)connection the tap gets the connection's init and then fragments from a keyframe on, and
 * from the same recorder only fragments newer than those already given, so the hub never sees a fragment
 * twice nor one whose references it has not seen.
 */
import http from 'node:http';
import type { Db } from '../db/connect.ts';
import type { LiveChunk, LiveTap, LiveTapSource } from '../viewing/live-hub.ts';
import { stripCredentials } from '../shared/redact.ts';
import { CLUSTER_SIGNATURE_HEADER, signClusterRequest } from './cluster-signature.ts';
import { leaseWithHolder } from './cluster-reads.ts';
import { LiveFrameParser } from './live-wire.ts';

export interface RemoteLiveOptions {
  /** The cluster's PostgreSQL database. */
  db: Db;
  /** The cluster's HMAC key (KeyRing.clusterKey()). */
  key: Buffer;
  /** Wait between looking for the holder again (1000 ms). */
  retryMs?: number;
  /** A connection silent this long (no frame, not even a heartbeat) is given up (6000 ms). */
  idleMs?: number;
  log?: { warn(fields: object, message: string): void };
}

interface Holder {
  nodeId: string;
  liveUrl: string;
}

export class RemoteLiveSource implements LiveTapSource {
  private readonly feeds = new Map<string, RemoteFeed>();

  constructor(private readonly o: RemoteLiveOptions) {}

  setLiveTap(cameraId: string, tap: LiveTap | null): void {
    this.feeds.get(cameraId)?.stop();
    this.feeds.delete(cameraId);
    if (!tap) return;
    const feed = new RemoteFeed(cameraId, tap, this.o);
    this.feeds.set(cameraId, feed);
    void feed.run();
  }

  /** The recorder node each fed camera is connected to now (tests, status). */
  connectedTo(cameraId: string): string | undefined {
    return this.feeds.get(cameraId)?.connectedNode;
  }

  close(): void {
    for (const feed of this.feeds.values()) feed.stop();
    this.feeds.clear();
  }
}

class RemoteFeed {
  private stopped = false;
  private request: http.ClientRequest | undefined;
  private wake: (() => void) | undefined;
  private lastNode: string | undefined;
  private lastWallMs = Number.NEGATIVE_INFINITY;
  connectedNode: string | undefined;

  constructor(
    private readonly cameraId: string,
    private readonly tap: LiveTap,
    private readonly o: RemoteLiveOptions,
  ) {}

  async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const holder = await this.holder();
        if (holder && !this.stopped) await this.stream(holder);
      } catch (error) {
        this.o.log?.warn({ cameraId: this.cameraId, err: stripCredentials(String(error)) }, 'live stream from the recorder failed');
      }
      if (!this.stopped) await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, this.o.retryMs ?? 1000).unref();
      });
    }
  }

  stop(): void {
    this.stopped = true;
    this.request?.destroy();
    this.wake?.();
  }

  /** The lease's holder while the lease lasts (by the database's clock), with its live address. */
  private async holder(): Promise<Holder | undefined> {
    const lease = await leaseWithHolder(this.o.db, this.cameraId);
    if (!lease?.liveUrl) return undefined;
    return { nodeId: lease.holder, liveUrl: lease.liveUrl };
  }

  /** Feeds the tap from the holder until the stream ends, fails or falls silent. */
  private stream(holder: Holder): Promise<void> {
    const path = `/live/${encodeURIComponent(this.cameraId)}`;
    const sameNode = holder.nodeId === this.lastNode;
    return new Promise<void>((resolve) => {
      const request = http.get(new URL(path, holder.liveUrl), { headers: { [CLUSTER_SIGNATURE_HEADER]: signClusterRequest(this.o.key, 'GET', path) }, timeout: this.o.idleMs ?? 6000 });
      this.request = request;
      const done = () => {
        if (this.connectedNode === holder.nodeId) this.connectedNode = undefined;
        resolve();
      };
      request.on('timeout', () => request.destroy());
      request.on('error', done);
      request.on('close', done);
      request.on('response', (response) => {
        // A connection cut mid-stream (the recorder died) ends here like any other end: the loop looks again.
        response.on('error', () => request.destroy());
        if (response.statusCode !== 200) {
          response.resume();
          return;
        }
        this.connectedNode = holder.nodeId;
        this.lastNode = holder.nodeId;
        const parser = new LiveFrameParser();
        let init: LiveChunk | undefined;
        let synced = false;
        response.on('data', (bytes: Buffer) => {
          if (this.stopped) return;
          let frames;
          try {
            frames = parser.push(bytes);
          } catch (error) {
            this.o.log?.warn({ cameraId: this.cameraId, node: holder.nodeId, err: String(error) }, 'malformed live stream from the recorder');
            request.destroy();
            return;
          }
          for (const frame of frames) {
            if (frame.kind === 'heartbeat') continue;
            if (frame.kind === 'init') {
              init = frame;
              synced = false;
              continue;
            }
            if (!synced) {
              if (!init || !frame.keyframe || (sameNode && frame.wallMs <= this.lastWallMs)) continue;
              this.tap(init);
              synced = true;
            }
            this.lastWallMs = frame.wallMs;
            this.tap(frame);
          }
        });
      });
    });
  }
}
