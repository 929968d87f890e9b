/** The GB/T 28181 directory as the UI reaches it: types from the generated schema, calls through the typed client. */
import { http, ok, type BodyOf, type ResponseOf } from '../api/http.ts';

export type GbDevice = ResponseOf<'/api/gb28181/devices'>[number];
export type GbChannel = ResponseOf<'/api/gb28181/devices/{deviceId}/channels'>[number];
export type GbRecord = ResponseOf<'/api/gb28181/devices/{deviceId}/channels/{channelId}/records'>[number];
export type GbAddChannel = BodyOf<'/api/gb28181/devices/{deviceId}/channels/{channelId}/camera'>;
export type GbTransport = NonNullable<GbAddChannel['transport']>;

export const GB_TRANSPORTS: GbTransport[] = ['udp', 'tcp-passive', 'tcp-active'];

const device = (deviceId: string) => ({ params: { path: { deviceId } } });
const channel = (deviceId: string, channelId: string) => ({ params: { path: { deviceId, channelId } } });

export const gbApi = {
  devices: () => ok(http.GET('/api/gb28181/devices')),
  device: (deviceId: string) => ok(http.GET('/api/gb28181/devices/{deviceId}', device(deviceId))),
  channels: (deviceId: string) => ok(http.GET('/api/gb28181/devices/{deviceId}/channels', device(deviceId))),
  refreshCatalog: (deviceId: string) => ok(http.POST('/api/gb28181/devices/{deviceId}/catalog', device(deviceId))),
  addChannel: (deviceId: string, channelId: string, body: GbAddChannel) => ok(http.POST('/api/gb28181/devices/{deviceId}/channels/{channelId}/camera', { ...channel(deviceId, channelId), body })),
  unlink: (deviceId: string, channelId: string) => ok(http.DELETE('/api/gb28181/devices/{deviceId}/channels/{channelId}/camera', channel(deviceId, channelId))),
  records: (deviceId: string, channelId: string, day: string) =>
    ok(http.GET('/api/gb28181/devices/{deviceId}/channels/{channelId}/records', { params: { path: { deviceId, channelId }, query: { day } } })),
};
