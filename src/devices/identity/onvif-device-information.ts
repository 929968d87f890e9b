/**
 * ONVIF GetDeviceInformation for the identity check, through the one ONVIF client
 * (src/devices/onvif/client.ts): the device's clock offset first, then the call with a WS-Security
 * UsernameToken digest made in the device's time. Kept as the identity check's entry point.
 */
import { OnvifClient } from '../onvif/client.ts';
import type { Credential } from '../onvif/soap/envelope.ts';
import type { DeviceInformation } from '../onvif/parse/device.ts';

export { parseDeviceInformation, type DeviceInformation } from '../onvif/parse/device.ts';
export { OnvifError, type OnvifErrorCode } from '../onvif/soap/errors.ts';
export { passwordDigest, type Credential } from '../onvif/soap/envelope.ts';

export async function getDeviceInformation(serviceUrl: string, credential: Credential | undefined, options: { now: Date; timeoutMs?: number | undefined }): Promise<DeviceInformation> {
  const skew = options.now.getTime() - Date.now();
  const client = new OnvifClient({ deviceUrl: serviceUrl, credential, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), now: () => new Date(Date.now() + skew) });
  return client.deviceInformation();
}
