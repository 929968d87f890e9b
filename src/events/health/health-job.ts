/** Runs the health monitor every few seconds in the server (started and stopped in src/server.ts); in a cluster, on the leader only. */
import type { HealthMonitor } from './health-monitor.ts';
import { soleProcess, type Leadership } from '../../cluster/leadership.ts';

export interface HealthJob {
  stop(): Promise<void>;
}

export function startHealthJob(monitor: HealthMonitor, intervalSeconds: number, leadership: Leadership = soleProcess): HealthJob {
  const tick = (previous: Promise<void>) => (leadership.isLeader ? monitor.tick() : previous);
  let last = tick(Promise.resolve());
  const timer = setInterval(() => {
    last = tick(last);
  }, intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await last;
    },
  };
}
