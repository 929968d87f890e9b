import type { Db } from '../db/connect.ts';
import type { GbMediaBroker } from '../gb28181/media-session.ts';
import type { SegmentStore } from '../recording/segment-store.ts';
import type { RecordingAlarm } from '../recording/segment-writer.ts';
import type { Clock } from '../shared/clock.ts';
import type { CameraRecordingStatus } from './camera-status.ts';
import { createRecorder } from './create-recorder.ts';
import type { RecorderEngine } from './engine.ts';
import type { FragmentTap, Recorder } from './recorder.ts';
import { TamperHost } from './tamper-host.ts';
import type { TamperChange, TamperSettings } from '../analytics/tamper/tamper-model.ts';

/** Recorders in the calling thread: for an in-memory database and for tests. */
export class InProcessEngine implements RecorderEngine {
  private readonly recorders = new Map<string, Recorder>();
  private alarmListener: ((alarm: RecordingAlarm) => void) | undefined;
  private readonly taps = new Map<string, FragmentTap>();
  private tamperListener: ((change: TamperChange) => void) | undefined;
  private readonly tamper: TamperHost | undefined;

  constructor(private readonly o: { db: Db; store: SegmentStore; clock: Clock; segmentMs: number; transport: 'tcp' | 'udp'; clockToleranceMs?: number; ffmpegPath?: string; checkSource?: (url: string) => Promise<void>; tamper?: boolean; gbMedia?: GbMediaBroker; gbMediaHost?: string; fence?: string }) {
    if (o.tamper) this.tamper = new TamperHost({ db: o.db, clock: o.clock, ffmpegPath: o.ffmpegPath, onChange: (change) => this.tamperListener?.(change) });
  }

  start(cameraId: string, url: string): void {
    const { tamper: _tamper, ...o } = this.o;
    const recorder = createRecorder({ cameraId, url, ...o, keyframeTap: this.tamper?.tapFor(cameraId) });
    recorder.on('alarm', (alarm) => this.alarmListener?.(alarm));
    this.recorders.set(cameraId, recorder);
    recorder.setLiveTap?.(this.taps.get(cameraId) ?? null);
    recorder.start();
  }

  async stop(cameraId: string): Promise<void> {
    const recorder = this.recorders.get(cameraId);
    this.recorders.delete(cameraId);
    this.tamper?.stop(cameraId);
    await recorder?.stop();
  }

  status(): CameraRecordingStatus[] {
    return [...this.recorders.values()].map((r) => r.currentStatus);
  }

  statusOf(cameraId: string): CameraRecordingStatus | undefined {
    return this.recorders.get(cameraId)?.currentStatus;
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.recorders.keys()].map((id) => this.stop(id)));
  }

  setLiveTap(cameraId: string, tap: FragmentTap | null): void {
    if (tap) this.taps.set(cameraId, tap);
    else this.taps.delete(cameraId);
    this.recorders.get(cameraId)?.setLiveTap?.(tap);
  }

  onAlarm(listener: (alarm: RecordingAlarm) => void): void {
    this.alarmListener = listener;
  }

  onTamper(listener: (change: TamperChange) => void): void {
    this.tamperListener = listener;
  }

  tamperSettings(cameraId: string, settings: TamperSettings): void {
    this.tamper?.setSettings(cameraId, settings);
  }

  tamperRelearn(cameraId: string): void {
    this.tamper?.relearn(cameraId);
  }
}
