/**
 * The tamper monitors of the cameras recorded in this thread (the in-process engine, or one recorder
 * worker): one per camera, loaded with the camera's settings and learned reference, which it saves once
 * learned. Without ffmpeg there is no decoding, and no monitor. Settings changed and re-learns asked for
 * elsewhere (the CLI, another server process) are picked up from the database every POLL_MS.
 */
import { existsSync } from 'node:fs';
import type { Db } from '../db/connect.ts';
import { tamperRepository } from '../analytics/tamper/tamper-repository.ts';
import { TamperMonitor, type KeyframeTap, type TappedKeyframe } from '../analytics/tamper/tamper-monitor.ts';
import type { TamperChange, TamperReference, TamperSettings } from '../analytics/tamper/tamper-model.ts';
import type { Clock } from '../shared/clock.ts';
import { installerFfmpeg, onPath } from './ffmpeg-path.ts';

export interface TamperHostOptions {
  db: Db;
  clock: Clock;
  ffmpegPath?: string;
  onChange: (change: TamperChange) => void;
  /** Tests: fewer reference frames, a shorter keyframe limit. */
  learnFrames?: number;
}

/** The ffmpeg to decode with, or null when there is none: tamper detection is then off. */
export function tamperFfmpeg(configured?: string): string | null {
  if (configured) return existsSync(configured) || onPath(configured) ? configured : null;
  return onPath('ffmpeg') ?? installerFfmpeg();
}

const POLL_MS = 15_000;

class CameraTamper implements KeyframeTap {
  monitor: TamperMonitor | undefined;
  closed = false;
  settings: TamperSettings | undefined;
  lastRelearnAt: string | null = null;

  keyframe(kf: TappedKeyframe): void {
    this.monitor?.keyframe(kf);
  }

  picture(wallMs: number): void {
    this.monitor?.picture(wallMs);
  }
}

export class TamperHost {
  private readonly cameras = new Map<string, CameraTamper>();
  private readonly ffmpeg: string | null;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly o: TamperHostOptions) {
    this.ffmpeg = tamperFfmpeg(o.ffmpegPath);
    this.timer = setInterval(() => void this.poll().catch(() => undefined), POLL_MS);
    this.timer.unref();
  }

  get available(): boolean {
    return this.ffmpeg !== null;
  }

  /** The tap for a camera's recorder; its monitor starts once the camera's settings are read. */
  tapFor(cameraId: string): KeyframeTap | undefined {
    const ffmpeg = this.ffmpeg;
    if (!ffmpeg) return undefined;
    this.stop(cameraId);
    const camera = new CameraTamper();
    this.cameras.set(cameraId, camera);
    void this.startMonitor(camera, cameraId, ffmpeg).catch(() => undefined);
    return camera;
  }

  private async startMonitor(camera: CameraTamper, cameraId: string, ffmpeg: string): Promise<void> {
    const { settings, reference } = await tamperRepository.load(this.o.db, cameraId);
    camera.lastRelearnAt = await tamperRepository.lastRelearnAt(this.o.db, cameraId);
    if (camera.closed) return;
    camera.settings = settings;
    camera.monitor = new TamperMonitor({
      cameraId,
      ffmpegPath: ffmpeg,
      clock: this.o.clock,
      settings,
      reference,
      learnFrames: this.o.learnFrames,
      onChange: this.o.onChange,
      onLearned: (learned) => void this.saveReference(cameraId, learned),
    });
  }

  private async saveReference(cameraId: string, learned: TamperReference): Promise<void> {
    try {
      await tamperRepository.saveReference(this.o.db, cameraId, learned, this.o.clock.now().toISOString());
    } catch {
      // not kept: the camera learns again after a restart
    }
  }

  setSettings(cameraId: string, settings: TamperSettings): void {
    const camera = this.cameras.get(cameraId);
    if (!camera?.monitor) return;
    camera.settings = settings;
    camera.monitor.setSettings(settings);
  }

  relearn(cameraId: string): void {
    const camera = this.cameras.get(cameraId);
    if (!camera?.monitor) return;
    camera.lastRelearnAt = this.o.clock.now().toISOString();
    camera.monitor.relearn();
  }

  private async poll(): Promise<void> {
    for (const [cameraId, camera] of this.cameras) {
      if (!camera.monitor) continue;
      const { settings } = await tamperRepository.load(this.o.db, cameraId);
      if (settings.enabled !== camera.settings?.enabled || settings.sensitivity !== camera.settings.sensitivity) this.setSettings(cameraId, settings);
      const last = await tamperRepository.lastRelearnAt(this.o.db, cameraId);
      if (last && (!camera.lastRelearnAt || last > camera.lastRelearnAt)) this.relearn(cameraId);
    }
  }

  /** The camera's ffmpeg decoder, for CPU accounting. */
  decoderPid(cameraId: string): number | undefined {
    return this.cameras.get(cameraId)?.monitor?.decoderPid;
  }

  stop(cameraId: string): void {
    const camera = this.cameras.get(cameraId);
    if (!camera) return;
    camera.closed = true;
    camera.monitor?.close();
    this.cameras.delete(cameraId);
  }

  close(): void {
    clearInterval(this.timer);
    for (const id of [...this.cameras.keys()]) this.stop(id);
  }
}
