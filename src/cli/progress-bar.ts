/** Draws `{done, total, phase}` progress as a cli-progress bar on stderr (a plain line per phase when stderr is no terminal). */
import cliProgress from 'cli-progress';

export interface Progress {
  phase: string;
  done: number;
  total: number;
}

export function progressBar(): { update(p: Progress): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{phase} [{bar}] {percentage}% {value}/{total}', hideCursor: true, clearOnComplete: false, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  const tty = Boolean(process.stderr.isTTY);
  let phase = '';
  return {
    update(p) {
      if (p.phase !== phase) {
        if (phase && tty) bar.stop();
        phase = p.phase;
        if (tty) bar.start(Math.max(p.total, 1), p.done, { phase: p.phase.padEnd(11) });
        else process.stderr.write(`${JSON.stringify(p)}\n`);
      }
      if (tty) {
        bar.setTotal(Math.max(p.total, 1));
        bar.update(p.done, { phase: p.phase.padEnd(11) });
      } else if (p.done === p.total && p.total > 0) process.stderr.write(`${JSON.stringify(p)}\n`);
    },
    stop() {
      if (phase && tty) bar.stop();
    },
  };
}
