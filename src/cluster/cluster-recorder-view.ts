/**
 * The recording side as an API process of a cluster sees it: status from what the recorder processes
 * report to PostgreSQL (read every couple of seconds, so that the status routes and their event streams
 * read memory), and live fragments from the recorder holding each camera (remote-live.ts).
 */
import type { Db } from '../db/connect.ts';
import type { CameraRecordingStatus } from '../recorder/camera-status.ts';
import type { FragmentTap } from '../recorder/recorder.ts';
import type { RecorderView } from '../recorder/recorder-view.ts';
import type { LiveTapSource } from '../viewing/live-hub.ts';
import { databaseNowMs, listRecorderNodes, listReportedStatus, nodeState } from './cluster-reads.ts';
import { statusFromReport } from './reported-status.ts';

export interface ClusterRecorderViewOptions {
  db: Db;
  leaseSeconds: number;
  /** Where live fragments come from (a RemoteLiveSource). */
  live: LiveTapSource;
  /** How often the reported status is read again (2000 ms). */
  refreshMs?: number;
  log?: { warn(fields: object, message: string): void };
}

export class ClusterRecorderView implements RecorderView {
  private statuses = new Map<string, CameraRecordingStatus>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: ClusterRecorderViewOptions) {}

  /** Reads the status once, then keeps it fresh. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((error: unknown) => this.o.log?.warn({ err: error }, 'recorder status not read')), this.o.refreshMs ?? 2000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  status(): CameraRecordingStatus[] {
    return [...this.statuses.values()];
  }

  statusOf(cameraId: string): CameraRecordingStatus | undefined {
    return this.statuses.get(cameraId);
  }

  setLiveTap(cameraId: string, tap: FragmentTap | null): void {
    this.o.live.setLiveTap(cameraId, tap);
  }

  async refresh(): Promise<void> {
    const [nowMs, nodes, rows] = await Promise.all([databaseNowMs(this.o.db), listRecorderNodes(this.o.db), listReportedStatus(this.o.db)]);
    const byId = new Map(nodes.map((row) => [row.id, { row, state: nodeState(row, nowMs, this.o.leaseSeconds) }]));
    const next = new Map<string, CameraRecordingStatus>();
    for (const row of rows) {
      const status = statusFromReport(row, { nowMs, leaseSeconds: this.o.leaseSeconds, node: byId.get(row.nodeId) });
      if (status) next.set(row.cameraId, status);
    }
    this.statuses = next;
  }
}
