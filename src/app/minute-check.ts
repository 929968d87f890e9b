/**
 * A check the server runs every minute (and once at start) while it serves: deadlines that raise alarms
 * when they pass, e.g. a public report's first-action time (REG-24-2) and a corrective order's limit
 * (REG-24-3). A failed round is logged and the next one runs as usual.
 */
export function startMinuteCheck(label: string, check: () => Promise<unknown>, log: { warn(obj: unknown, msg: string): void }, everyMs = 60_000): { stop(): void } {
  const run = () => void check().catch((error: unknown) => log.warn({ err: error }, `${label} failed`));
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return { stop: () => clearInterval(timer) };
}
