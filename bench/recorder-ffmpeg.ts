/** The baseline side: one `ffmpeg -c copy -f segment` per camera (the Frigate way). */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ended, spawnTracked } from './recorder-ipc.ts';

interface Recorder {
  process: ChildProcess;
  dir: string;
  /** The muxed frame count from ffmpeg's own progress report (`-progress`). */
  frames: number;
  stderr: string;
}

export class FfmpegSide {
  private readonly recorders: Recorder[] = [];

  constructor(urls: readonly string[], root: string, segmentSeconds: number) {
    urls.forEach((url, i) => {
      const dir = path.join(root, `cam${i + 1}`);
      mkdirSync(dir, { recursive: true });
      // -progress only adds a few lines every 0.5 s; it is how the frames written are counted.
      const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-nostats', '-progress', 'pipe:1', '-rtsp_transport', 'tcp', '-i', url];
      args.push('-c', 'copy', '-f', 'segment', '-segment_time', String(segmentSeconds), '-reset_timestamps', '1', path.join(dir, 'out%03d.mp4'));
      const child = spawnTracked('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const recorder: Recorder = { process: child, dir, frames: 0, stderr: '' };
      let pending = '';
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('frame=')) recorder.frames = Number(line.slice(6));
      });
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        recorder.stderr = (recorder.stderr + chunk).slice(-500);
      });
      this.recorders.push(recorder);
    });
  }

  pids(): number[] {
    return this.recorders.flatMap((r) => (r.process.pid ? [r.process.pid] : []));
  }

  running(): number {
    return this.recorders.filter((r) => r.process.exitCode === null && r.process.signalCode === null).length;
  }

  kill(): void {
    for (const r of this.recorders) if (r.process.exitCode === null) r.process.kill('SIGKILL');
  }

  /** SIGINT: ffmpeg finishes its segment and reports its last frame count. */
  async stop(): Promise<{ framesRecorded: number; segments: number; exitedEarly: number; errors: string[] }> {
    const exitedEarly = this.recorders.length - this.running();
    for (const r of this.recorders) if (r.process.exitCode === null) r.process.kill('SIGINT');
    await Promise.all(this.recorders.map((r) => ended(r.process, 10_000)));
    return {
      framesRecorded: this.recorders.reduce((sum, r) => sum + r.frames, 0),
      segments: this.recorders.reduce((sum, r) => sum + readdirSync(r.dir).filter((f) => f.endsWith('.mp4')).length, 0),
      exitedEarly,
      errors: [...new Set(this.recorders.map((r) => r.stderr.trim()).filter(Boolean))].slice(0, 3),
    };
  }
}
