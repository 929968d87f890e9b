/**
 * Competing CPU load for the recorder benchmark: busy-loop Node processes (`--load N`), started before
 * the first warm-up and kept for the whole benchmark, so that every side of every step runs under the
 * same load; tracked like the other children and killed at the end.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { sleep, spawnTracked } from './recorder-ipc.ts';

export async function startHogs(count: number): Promise<void> {
  for (let i = 0; i < count; i++) spawnTracked(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
  if (count > 0) await sleep(1000); // running before anything is measured
}

/** The machine's load now: 1/5/15-minute averages, and the threads runnable at this instant. */
export interface LoadSample {
  loadavg: number[];
  runnable: number;
}

export function sampleLoad(): LoadSample {
  // /proc/loadavg: "0.52 0.58 0.59 3/467 12345": the fourth field is runnable/total scheduling entities.
  const runnable = Number(/\s(\d+)\//.exec(safeRead('/proc/loadavg'))?.[1] ?? NaN);
  return { loadavg: loadavg().map((x) => Number(x.toFixed(2))), runnable };
}

/** What every JSON line says about the load it ran under. */
export interface LoadLine {
  hogs: number;
  cores: number;
  atT0: LoadSample;
  atT1: LoadSample;
}

export function loadLine(hogs: number, atT0: LoadSample, atT1: LoadSample): LoadLine {
  return { hogs, cores: availableParallelism(), atT0, atT1 };
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // not Linux
  }
}
