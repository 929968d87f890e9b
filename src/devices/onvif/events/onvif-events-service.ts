/**
 * The pull-point subscribers of the cameras added by ONVIF with events: started for each active such
 * camera (startAll at server start, start when one is added or activated), stopped with the camera or
 * the server.
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
      if (camera?.status === 'ACTIVE') this.start(link.cameraId);
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
      client: async () => (await this.deps.clients.clientFor(await this.deps.camera(cameraId)))?.client,
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
