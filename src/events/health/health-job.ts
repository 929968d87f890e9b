/** Runs the health monitor every few seconds in the server (started and stopped in src/server.ts). */
import type { HealthMonitor } from './health-monitor.ts';

export interface HealthJob {
  stop(): Promise<void>;
}

export function startHealthJob(monitor: HealthMonitor, intervalSeconds: number): HealthJob {
  let last = monitor.tick();
  const timer = setInterval(() => {
    last = monitor.tick();
  }, intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await last;
    },
  };
}
