/**
 * Test-only: GStreamer's RTSP server (test/support/gst-rtsp-server.py) as a foreign peer, serving
 * the committed clips at /h264 and /h265 on a free port. Debian's python3 is used on purpose: the
 * `gi` bindings are a Debian package, invisible to any other python on PATH.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import type { VideoCodec } from '../../src/media/types.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.resolve(import.meta.dirname, 'gst-rtsp-server.py');
export const GST_PACKAGES = 'gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav';

export interface GstServer {
  port: number;
  url(codec: VideoCodec): string;
  /** A live test pattern encoded with 2 B-frames, a keyframe each second. */
  bframesUrl(codec: VideoCodec): string;
  close(): Promise<void>;
}

/** Why the server cannot run here (the Debian packages are missing), or null when it can. */
export function gstMissing(): string | null {
  const check = spawnSync(PYTHON, ['-c', 'import gi; gi.require_version("GstRtspServer", "1.0"); from gi.repository import GstRtspServer'], { encoding: 'utf8' });
  if (check.status === 0) return null;
  const why = check.error ? check.error.message : check.stderr.trim().split('\n').pop();
  return `GStreamer's RTSP server is not usable from ${PYTHON} (${why}); install: apt-get install ${GST_PACKAGES}`;
}

export function startGstServer(timeoutMs = 15_000): Promise<GstServer> {
  const child = spawn(PYTHON, [SCRIPT, '0', DEFAULT_CLIPS.h264, DEFAULT_CLIPS.h265], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise<GstServer>((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      void close().then(() => reject(new Error(`GStreamer RTSP server: ${why}\n${stderr}`)));
    };
    const timer = setTimeout(() => fail('no ready line in time'), timeoutMs);
    const onExit = (code: number | null): void => fail(`exited with ${code}`);
    child.once('exit', onExit);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /^READY (\d+)$/m.exec(out);
      if (!ready) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      const port = Number(ready[1]);
      resolve({ port, url: (codec) => `rtsp://127.0.0.1:${port}/${codec}`, bframesUrl: (codec) => `rtsp://127.0.0.1:${port}/${codec}-bframes`, close });
    });
  });
}
