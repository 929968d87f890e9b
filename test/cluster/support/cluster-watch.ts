/** What the multi-process test and bench/cluster.ts wait for and measure on a running Cluster. */
import type { Cluster, NodeProcess } from './cluster-harness.ts';
import { Fatal, waitFor } from './processes.ts';

function mustRun(nodes: readonly NodeProcess[]): void {
  for (const n of nodes) if (!n.running()) throw new Fatal(`${n.nodeId} exited:\n${n.output().slice(-3000)}`);
}

/**
 * Waits until every camera is online on the recorder holding its lease (as that recorder reports it)
 * and every live recorder holds some; returns the number of cameras each holds.
 */
export async function waitForSpread(cluster: Cluster, timeoutMs: number): Promise<Map<string, number>> {
  const live = cluster.recorders.filter((r) => !r.ended);
  return waitFor(
    'every camera online on the recorder holding its lease, and every recorder holding some',
    async () => {
      mustRun(live);
      const [leases, statuses] = await Promise.all([cluster.leases(), cluster.statuses()]);
      const perRecorder = new Map(live.map((r) => [r.nodeId, 0]));
      for (const id of cluster.cameraIds) {
        const lease = leases.get(id);
        const status = statuses.get(id);
        if (!lease || !status || status.nodeId !== lease.holder || status.status.state !== 'online') return undefined;
        perRecorder.set(lease.holder, (perRecorder.get(lease.holder) ?? 0) + 1);
      }
      return [...perRecorder.values()].every((n) => n > 0) ? perRecorder : undefined;
    },
    timeoutMs,
    500,
  );
}

export interface Takeover {
  killAtMs: number;
  /** The cameras the killed recorder held. */
  cameras: Set<string>;
  /** Milliseconds from the kill until the survivor held each camera's lease. */
  claimed: Map<string, number>;
  /** … until the survivor reported it online with a keyframe received after the kill. */
  online: Map<string, number>;
  /** … until a segment of it was indexed after the kill. */
  firstSegment: Map<string, number>;
}

export const slowest = (m: Map<string, number>): number => (m.size ? Math.max(...m.values()) / 1000 : Number.NaN);

/** `kill -9` of `victim`, then polls until `survivor` holds, records and has indexed each of its cameras (or the deadline). */
export async function killAndWatchTakeover(cluster: Cluster, victim: NodeProcess, survivor: NodeProcess, timeoutMs: number): Promise<Takeover> {
  const leases = await cluster.leases();
  const cameras = new Set([...leases].filter(([, l]) => l.holder === victim.nodeId).map(([id]) => id));
  victim.kill('SIGKILL');
  // Taken after the signal: whatever is indexed later cannot be the dead recorder's.
  const t: Takeover = { killAtMs: Date.now(), cameras, claimed: new Map(), online: new Map(), firstSegment: new Map() };
  await waitFor(
    `every camera of ${victim.nodeId} claimed, online and with a new segment on ${survivor.nodeId}`,
    async () => {
      mustRun([survivor]);
      const [lease, statuses, newest] = await Promise.all([cluster.leases(), cluster.statuses(), cluster.lastIndexed()]);
      const now = Date.now() - t.killAtMs;
      for (const id of cameras) {
        if (!t.claimed.has(id) && lease.get(id)?.holder === survivor.nodeId) t.claimed.set(id, now);
        const s = statuses.get(id);
        const fresh = s?.status.lastKeyframeAt ? Date.parse(s.status.lastKeyframeAt) > t.killAtMs : false;
        if (!t.online.has(id) && s?.nodeId === survivor.nodeId && s.status.state === 'online' && fresh) t.online.set(id, now);
        const indexed = newest.get(id);
        if (!t.firstSegment.has(id) && indexed !== undefined && indexed > t.killAtMs) t.firstSegment.set(id, now);
      }
      return t.firstSegment.size === cameras.size && t.online.size === cameras.size && t.claimed.size === cameras.size;
    },
    timeoutMs,
    200,
  ).catch((error: unknown) => {
    if (error instanceof Fatal) throw error;
    // The deadline: the caller reports what was measured and fails on it.
  });
  return t;
}
