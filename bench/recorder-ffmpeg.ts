/** The baseline side: one `ffmpeg -c copy -f segment` per camera (the Frigate way). */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ended, sleep, spawnTracked } from './recorder-ipc.ts';

function packetsIn(file: string): number {
  try {
    const out = execFileSync('ffprobe', ['-v', 'error', '-count_packets', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', file], { encoding: 'utf8', timeout: 30_000 });
    return Number(out.trim()) || 0;
  } catch {
    return 0; // an unreadable file holds no frames that count
  }
}

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
      // -progress only adds a few lines every 0.25 s (-stats_period); it is how the frames written are
      // counted, at the window's edges too, so its period bounds the error of the count in the window.
      const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-nostats', '-stats_period', '0.25', '-progress', 'pipe:1', '-rtsp_transport', 'tcp', '-i', url];
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

  /** Each camera's frames written so far, as its latest progress report says. */
  frames(): number[] {
    return this.recorders.map((r) => r.frames);
  }

  /** Which cameras' ffmpeg has exited. */
  exited(): boolean[] {
    return this.recorders.map((r) => r.process.exitCode !== null || r.process.signalCode !== null);
  }

  /** What the processes have written to stderr so far (the last 500 characters of each). */
  errors(): string[] {
    return [...new Set(this.recorders.map((r) => r.stderr.trim()).filter(Boolean))].slice(0, 3);
  }

  running(): number {
    return this.recorders.filter((r) => r.process.exitCode === null && r.process.signalCode === null).length;
  }

  kill(): void {
    for (const r of this.recorders) if (r.process.exitCode === null) r.process.kill('SIGKILL');
  }

  /**
   * After the simulator has closed: each ffmpeg sees the end of its stream, finishes its segment and
   * exits (SIGINT for any still running after `graceMs`). The frames ffmpeg reports are checked against
   * ffprobe's packet count in the files of a few cameras.
   */
  async stop(graceMs = 10_000): Promise<{ framesRecordedWholeRun: number; segments: number; sampleCheck: { cameras: number; framesReported: number; framesInFiles: number }; errors: string[] }> {
    await Promise.all(this.recorders.map((r) => Promise.race([ended(r.process, 60_000), sleep(graceMs)])));
    for (const r of this.recorders) if (r.process.exitCode === null) r.process.kill('SIGINT');
    await Promise.all(this.recorders.map((r) => ended(r.process, 10_000)));
    // Its last progress report (the final frame count) may still be in the pipe when it has exited.
    await Promise.all(this.recorders.map((r) => (r.process.stdout!.closed ? Promise.resolve() : Promise.race([new Promise((resolve) => r.process.stdout!.once('close', resolve)), sleep(2000)]))));
    const files = (r: Recorder) => readdirSync(r.dir).filter((f) => f.endsWith('.mp4')).map((f) => path.join(r.dir, f));
    const sample = this.recorders.slice(0, 4);
    return {
      framesRecordedWholeRun: this.recorders.reduce((sum, r) => sum + r.frames, 0),
      segments: this.recorders.reduce((sum, r) => sum + files(r).length, 0),
      sampleCheck: {
        cameras: sample.length,
        framesReported: sample.reduce((sum, r) => sum + r.frames, 0),
        framesInFiles: sample.flatMap(files).reduce((sum, file) => sum + packetsIn(file), 0),
      },
      errors: this.errors(),
    };
  }
}
