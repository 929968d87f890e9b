/**
 * The pull-point subscribers of the cameras added by ONVIF with events: started for each such camera
 * not deactivated (startAll at server start, start when one is added), ended when the camera is
 * deactivated (seen at the next renewal) or the server stops.
 */
import type { Db } from '../../../db/connect.ts';
import type { AlarmSink } from '../../../events/alarm-sink.ts';
import type { CameraRecord } from '../../../registry/model.ts';
import type { OnvifCameraClients } from '../camera-client.ts';
import { onvifCameraRepository } from '../onvif-camera-repository.ts';
import { PullPointSubscriber } from './pull-point-subscriber.ts';

export interface OnvifEventsDeps {
  db: Db;
  clients: OnvifCameraClients;
  sink: AlarmSink;
  camera: (id: string) => Promise<CameraRecord>;
  pullSeconds: number;
  subscriptionSeconds: number;
  onError?: (cameraId: string, error: unknown) => void;
}

export class OnvifEventsService {
  private readonly subscribers = new Map<string, PullPointSubscriber>();

  constructor(private readonly deps: OnvifEventsDeps) {}

  async startAll(): Promise<number> {
    for (const link of await onvifCameraRepository.list(this.deps.db)) {
      if (!link.events) continue;
      const camera = await this.deps.camera(link.cameraId).catch(() => undefined);
      if (camera && camera.status !== 'DEACTIVATED') this.start(link.cameraId);
    }
    return this.subscribers.size;
  }

  start(cameraId: string): void {
    if (this.subscribers.has(cameraId)) return;
    const subscriber = new PullPointSubscriber({
      cameraId,
      sink: this.deps.sink,
      pullSeconds: this.deps.pullSeconds,
      subscriptionSeconds: this.deps.subscriptionSeconds,
      client: async () => {
        const camera = await this.deps.camera(cameraId);
        return camera.status === 'DEACTIVATED' ? undefined : (await this.deps.clients.clientFor(camera))?.client;
      },
      onError: (error) => this.deps.onError?.(cameraId, error),
    });
    this.subscribers.set(cameraId, subscriber);
    subscriber.start();
  }

  subscriber(cameraId: string): PullPointSubscriber | undefined {
    return this.subscribers.get(cameraId);
  }

  async stop(cameraId: string): Promise<void> {
    const subscriber = this.subscribers.get(cameraId);
    this.subscribers.delete(cameraId);
    await subscriber?.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.subscribers.keys()].map((id) => this.stop(id)));
  }
}
