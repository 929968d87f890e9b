/** The ONVIF services and the PTZ service, wired to the registry, the alarms and the access register. */
import type { AuthorizationService } from '../../access/authorization/authorization-service.ts';
import type { RegisterService } from '../../access/register/register-service.ts';
import type { Db } from '../../db/connect.ts';
import type { AlarmSink } from '../../events/alarm-sink.ts';
import type { CamerasService } from '../../registry/services/cameras.ts';
import type { SourceAddressPolicy } from '../../registry/source-address-policy.ts';
import type { Clock } from '../../shared/clock.ts';
import { PtzService } from '../ptz/ptz-service.ts';
import { OnvifCameraClients } from './camera-client.ts';
import { onvifConfig, type OnvifConfig } from './config.ts';
import { OnvifDiscoveryService } from './discovery/discovery-service.ts';
import { OnvifEventsService } from './events/onvif-events-service.ts';
import { OnvifCameraService } from './onvif-camera-service.ts';
import { onvifCameraRepository } from './onvif-camera-repository.ts';
import { onvifPtzDriverFactory } from './onvif-ptz-driver.ts';

export interface OnvifServiceDeps {
  db: Db;
  clock: Clock;
  gate: AuthorizationService;
  register: RegisterService;
  cameras: CamerasService;
  alarms: AlarmSink;
  config?: OnvifConfig | undefined;
  sourceAddresses?: SourceAddressPolicy | undefined;
}

export function createOnvifServices(deps: OnvifServiceDeps) {
  const config = deps.config ?? onvifConfig.parse({});
  const camera = (id: string) => deps.cameras.get(id);
  // SOAP timestamps follow real time (the device's clock), not the injected clock.
  const clients = new OnvifCameraClients(deps.db, { timeoutMs: config.timeoutMs });
  const onvifEvents = new OnvifEventsService({ db: deps.db, clients, sink: deps.alarms, camera, pullSeconds: config.events.pullSeconds, subscriptionSeconds: config.events.subscriptionSeconds });
  const ptz = new PtzService({ clock: deps.clock, gate: deps.gate, register: deps.register, camera, idleMinutes: config.ptzSessionIdleMinutes });
  ptz.register(onvifPtzDriverFactory(clients));
  return {
    ptz,
    onvifEvents,
    onvifCameras: new OnvifCameraService({
      db: deps.db,
      clock: deps.clock,
      gate: deps.gate,
      cameras: deps.cameras,
      sink: deps.alarms,
      timeoutMs: config.timeoutMs,
      sourceAddresses: deps.sourceAddresses,
      onAdded: (cameraId) => {
        if (config.events.enabled) onvifEvents.start(cameraId);
      },
    }),
    onvifDiscovery: new OnvifDiscoveryService({ gate: deps.gate, cameras: () => deps.cameras.list(), links: () => onvifCameraRepository.list(deps.db), sink: deps.alarms, config, sourceAddresses: deps.sourceAddresses }),
    onvifConfig: config,
  };
}
