/** PTZ over ONVIF: the PtzDriverFactory for cameras added by ONVIF whose main profile carries a PTZ configuration. */
import type { PtzDriverFactory } from '../ptz/ptz-driver.ts';
import type { OnvifCameraClients } from './camera-client.ts';
import { asDomain } from './domain-error.ts';

export function onvifPtzDriverFactory(clients: OnvifCameraClients): PtzDriverFactory {
  return async (camera) => {
    const found = await clients.clientFor(camera);
    const profile = found?.link.ptzProfile;
    if (!found || !profile) return null;
    const { client } = found;
    return {
      continuousMove: (velocity) => asDomain(() => client.continuousMove(profile, velocity)),
      stop: () => asDomain(() => client.stop(profile)),
      presets: () => asDomain(() => client.presets(profile)),
      gotoPreset: (token) => asDomain(() => client.gotoPreset(profile, token)),
      setPreset: (name) => asDomain(() => client.setPreset(profile, name)),
    };
  };
}
