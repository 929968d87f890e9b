/** Looks for public reports past their first-action time every minute (REG-24-2's SLA), in the server. */
export interface SlaChecker {
  checkSla(): Promise<number>;
}

export function startPublicReportSla(checker: SlaChecker, log: { warn(obj: unknown, msg: string): void }, everyMs = 60_000): { stop(): void } {
  const run = () => void checker.checkSla().catch((error: unknown) => log.warn({ err: error }, 'public report SLA check failed'));
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return { stop: () => clearInterval(timer) };
}
