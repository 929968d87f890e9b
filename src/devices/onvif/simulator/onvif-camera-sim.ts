/**
 * An ONVIF camera in front of an RTSP simulator camera: the SOAP responder (main stream and
 * substream profiles, PTZ, events) and its WS-Discovery responder. Used by `custos simulate --onvif`
 * and by the demo.
 */
import { startDiscoveryResponder, type DiscoveryResponder } from './discovery-responder.ts';
import { startOnvifResponder, type OnvifResponder } from './responder.ts';
import type { SimIdentity } from './state.ts';

export interface OnvifCameraSimOptions {
  name: string;
  mainUri: string;
  subUri: string;
  /** Of the RTSP camera behind (default H264). */
  encoding?: 'H264' | 'H265';
  credential: { username: string; password: string };
  identity?: Partial<SimIdentity>;
  host?: string;
  /** SOAP port (0: any). */
  port?: number;
  /** WS-Discovery unicast port (0: any). */
  discoveryPort?: number;
  joinMulticast?: boolean;
}

export interface OnvifCameraSim {
  soap: OnvifResponder;
  discovery: DiscoveryResponder;
  close(): Promise<void>;
}

export async function startOnvifCameraSim(options: OnvifCameraSimOptions): Promise<OnvifCameraSim> {
  const soap = await startOnvifResponder({
    credential: options.credential,
    ...(options.identity ? { identity: options.identity } : {}),
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    profiles: [
      { token: 'MainStream', name: 'Main stream', encoding: options.encoding ?? 'H264', width: 640, height: 360, fps: 25, streamUri: options.mainUri, ptz: true },
      { token: 'SubStream', name: 'Substream', encoding: options.encoding ?? 'H264', width: 640, height: 360, fps: 25, streamUri: options.subUri, ptz: false },
    ],
  });
  const discovery = await startDiscoveryResponder({
    deviceUrl: () => soap.deviceUrl,
    scopes: { name: options.name, hardware: soap.identity.model, location: 'Custos simulator' },
    host: options.host ?? '127.0.0.1',
    port: options.discoveryPort ?? 0,
    joinMulticast: options.joinMulticast ?? false,
  });
  return {
    soap,
    discovery,
    close: async () => {
      await discovery.close();
      await soap.close();
    },
  };
}
