/** The demo camera: the built-in simulator serving one looping H.264 camera on 127.0.0.1. */
import { DEFAULT_CLIPS } from '../media/simulator/clip.ts';
import { startSimulator } from '../media/simulator/server.ts';
import { startOnvifCameraSim } from '../devices/onvif/simulator/onvif-camera-sim.ts';

export interface DemoCamera {
  url: string;
  /** With `onvif`: the WS-Discovery unicast address (host:port) and the ONVIF credentials of the demo camera. */
  onvif: { discoveryTarget: string; deviceUrl: string; username: string; password: string } | null;
  close(): Promise<void>;
}

/** The demo camera's ONVIF account (a simulator on loopback; shown on the demo's sign-in page hints). */
export const DEMO_ONVIF_CREDENTIAL = { username: 'demo', password: 'custos-demo-onvif' };

export async function startDemoCamera(port: number, options: { onvif?: boolean } = {}): Promise<DemoCamera> {
  const simulator = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', port, host: '127.0.0.1' });
  const onvif = options.onvif
    ? await startOnvifCameraSim({ name: 'Custos demo camera', mainUri: simulator.url(1), subUri: simulator.url(1), credential: DEMO_ONVIF_CREDENTIAL, identity: { manufacturer: 'Custos Demo', model: 'DEMO-ONVIF-1', serialNumber: 'DEMO-0001' } })
    : undefined;
  return {
    url: simulator.url(1),
    onvif: onvif ? { discoveryTarget: `127.0.0.1:${onvif.discovery.port}`, deviceUrl: onvif.soap.deviceUrl, ...DEMO_ONVIF_CREDENTIAL } : null,
    close: async () => {
      await onvif?.close();
      await simulator.close();
    },
  };
}
