/**
 * A small in-process job runner: jobs run one at a time in the order submitted, each with an abort
 * signal and a progress {phase, done, total} that readers see while it runs. What a job did is the
 * caller's to store (the runner keeps nothing after a job ends).
 */
import type { Progress } from '../../redaction/model.ts';

export interface JobContext {
  signal: AbortSignal;
  progress(p: Progress): void;
}

export type JobWork = (ctx: JobContext) => Promise<void>;

interface Entry {
  id: string;
  work: JobWork;
  controller: AbortController;
  progress: Progress;
  running: boolean;
}

export class JobRunner {
  private readonly queue: Entry[] = [];
  private readonly entries = new Map<string, Entry>();
  private active: Promise<void> = Promise.resolve();

  constructor(private readonly concurrency = 1) {}

  /** Queues a job; it starts when the jobs before it have ended. */
  submit(id: string, work: JobWork): void {
    const entry: Entry = { id, work, controller: new AbortController(), progress: { phase: 'queued', done: 0, total: 0 }, running: false };
    this.entries.set(id, entry);
    this.queue.push(entry);
    this.pump();
  }

  /** Whether the runner knows the job (queued or running). */
  has(id: string): boolean {
    return this.entries.has(id);
  }

  progress(id: string): Progress | undefined {
    return this.entries.get(id)?.progress;
  }

  /** Aborts a running job, or drops a queued one; returns 'QUEUED' or 'RUNNING' for what it found, or null. */
  cancel(id: string): 'QUEUED' | 'RUNNING' | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (!entry.running) {
      this.queue.splice(this.queue.indexOf(entry), 1);
      this.entries.delete(id);
      return 'QUEUED';
    }
    entry.controller.abort(new Error('cancelled'));
    return 'RUNNING';
  }

  /** Resolves when every job submitted so far has ended (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.entries.size > 0) await this.active;
  }

  private running(): number {
    return [...this.entries.values()].filter((e) => e.running).length;
  }

  private pump(): void {
    while (this.running() < this.concurrency && this.queue.length > 0) {
      const entry = this.queue.shift() as Entry;
      entry.running = true;
      const run = (async () => {
        try {
          await entry.work({ signal: entry.controller.signal, progress: (p) => (entry.progress = { ...p }) });
        } catch {
          // The work stores its own failure; the runner goes on with the next job.
        } finally {
          this.entries.delete(entry.id);
          this.pump();
        }
      })();
      this.active = Promise.all([this.active, run]).then(() => undefined);
    }
  }
}
