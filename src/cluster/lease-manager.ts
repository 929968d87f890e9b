/**
 * A recorder's share of the cameras (issue 16). Every `renewSeconds` it heartbeats, renews its leases, works
 * out its target (cluster.camerasPerRecorder, else the recordable cameras spread evenly over the live
 * recorders), claims free or lapsed leases up to it, and hands back a few when clearly above it (so that a
 * recorder that joins gets its share without the others flapping) and those of cameras no longer recorded.
 * A camera is handed back only after the recorder has stopped it (its last segment indexed under the lease).
 */
import type { DbHandle } from '../db/connect.ts';
import type { CameraRecordingStatus } from '../recorder/camera-status.ts';
import type { ClusterConfig } from './config.ts';
import { claimLeases, clusterShape, heartbeat, markStopped, registerNode, releaseLeases, renewLeases, type RecorderNode } from './lease-repository.ts';
import { requirePostgres } from './require-postgres.ts';
import { reportStatus } from './status-report.ts';

export interface LeaseLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface LeaseManagerOptions {
  db: Pick<DbHandle, 'db' | 'dialect'>;
  node: RecorderNode;
  config: Pick<ClusterConfig, 'leaseSeconds' | 'renewSeconds' | 'camerasPerRecorder'>;
  /** The set of cameras this node may record changed; resolves once the recorder has acted on it. */
  onChange?: () => Promise<void>;
  /** The recording status of this node's cameras, reported every tick. */
  status?: () => CameraRecordingStatus[];
  log?: LeaseLog;
  /** Leases handed back per tick when above the target. */
  releasePerTick?: number;
}

export class LeaseManager {
  private readonly held = new Set<string>();
  /** Cameras being handed back: no longer recorded here, their leases kept until the recorder stopped them. */
  private readonly draining = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private target = 0;

  constructor(private readonly o: LeaseManagerOptions) {
    requirePostgres(o.db.dialect);
  }

  get nodeId(): string {
    return this.o.node.id;
  }

  /** The cameras this node may record now. */
  claims(): ReadonlySet<string> {
    return new Set([...this.held].filter((id) => !this.draining.has(id)));
  }

  /** Registers the node, takes its first share, then renews every renewSeconds. */
  async start(): Promise<void> {
    await registerNode(this.o.db.db, this.o.node);
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.o.config.renewSeconds * 1000);
    this.timer.unref();
  }

  /** One round (serialised with the timer's). */
  tick(): Promise<void> {
    this.ticking = this.ticking.then(() => this.tickNow()).catch((error: unknown) => this.o.log?.warn({ err: error, nodeId: this.nodeId }, 'lease renewal failed'));
    return this.ticking;
  }

  /** Stops renewing; the leases stay as they are (lapsing unless released). */
  async pause(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** A clean stop, once the recorder has finished its segments: every lease handed back, the node marked stopped. */
  async release(): Promise<void> {
    await this.pause();
    const released = await releaseLeases(this.o.db.db, this.nodeId, [...this.held]);
    for (const cameraId of released) this.o.log?.info({ event: 'camera.released', cameraId, nodeId: this.nodeId, reason: 'stopping' }, 'camera released');
    this.held.clear();
    await reportStatus(this.o.db.db, this.nodeId, this.held, []);
    await markStopped(this.o.db.db, this.nodeId);
  }

  private async tickNow(): Promise<void> {
    const db = this.o.db.db;
    const { leaseSeconds } = this.o.config;
    // The heartbeat first: a node's liveness ends no later than its leases, so its successor counts it dead in time.
    if (!(await heartbeat(db, this.nodeId))) await registerNode(db, this.o.node);
    const kept = await renewLeases(db, this.nodeId, [...this.held], leaseSeconds);
    const lost = [...this.held].filter((id) => !kept.has(id));
    for (const cameraId of lost) {
      this.held.delete(cameraId);
      this.o.log?.warn({ event: 'camera.lost', cameraId, nodeId: this.nodeId }, 'camera lease lost to another recorder');
    }
    const shape = await clusterShape(db, leaseSeconds);
    this.target = this.o.config.camerasPerRecorder ?? Math.ceil(shape.cameraIds.length / Math.max(1, shape.recorders));
    const recordable = new Set(shape.cameraIds);
    const gone = [...this.held].filter((id) => !recordable.has(id));
    const counted = this.held.size - gone.length;
    const excess = Math.min(counted - this.target, this.o.releasePerTick ?? 2);
    const surplus = excess > 0 ? [...this.held].filter((id) => recordable.has(id)).sort().slice(-excess) : [];
    const claimed = await claimLeases(db, this.nodeId, this.target - counted, leaseSeconds);
    for (const c of claimed) {
      this.held.add(c.cameraId);
      this.o.log?.info({ event: 'camera.claimed', cameraId: c.cameraId, nodeId: this.nodeId, epoch: c.epoch, ...(c.lostBy ? { takenOverFrom: c.lostBy } : {}) }, 'camera claimed');
    }
    const handBack = [...gone, ...surplus];
    for (const id of handBack) this.draining.add(id);
    if (lost.length + claimed.length + handBack.length > 0) await this.o.onChange?.();
    if (handBack.length > 0) {
      await releaseLeases(db, this.nodeId, handBack);
      for (const cameraId of handBack) {
        this.held.delete(cameraId);
        this.draining.delete(cameraId);
        this.o.log?.info({ event: 'camera.released', cameraId, nodeId: this.nodeId, reason: gone.includes(cameraId) ? 'not recordable' : 'rebalance', target: this.target }, 'camera released');
      }
    }
    await reportStatus(db, this.nodeId, this.held, this.o.status?.() ?? []);
  }
}
