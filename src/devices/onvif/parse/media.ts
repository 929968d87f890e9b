/** Readers of the Media service answers: profiles and URIs. */
import { OnvifError } from '../soap/errors.ts';
import { childrenNamed, findElement, numberOf, parseResponse, requiredText, text } from '../soap/response.ts';

export interface MediaProfile {
  token: string;
  name: string;
  /** H264, H265, JPEG, MPEG4 … as the device says. */
  encoding: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  /** The PTZ configuration the profile carries; null when the profile cannot move the camera. */
  ptzConfigurationToken: string | null;
}

export function parseProfiles(xml: string): MediaProfile[] {
  const response = parseResponse(xml, 'GetProfilesResponse');
  return childrenNamed(response, 'Profiles')
    .slice(0, 64)
    .map((profile) => {
      const token = profile.attributes.token;
      if (!token || token.length > 64) throw new OnvifError('E_ONVIF_RESPONSE', 'a profile without a token');
      const video = findElement(profile, 'VideoEncoderConfiguration');
      const resolution = video ? findElement(video, 'Resolution') : undefined;
      const ptz = findElement(profile, 'PTZConfiguration');
      return {
        token,
        name: (text(profile, 'Name') ?? token).slice(0, 128),
        encoding: text(video, 'Encoding')?.slice(0, 16) ?? null,
        width: numberOf(resolution, 'Width'),
        height: numberOf(resolution, 'Height'),
        fps: numberOf(video ? findElement(video, 'RateControl') : undefined, 'FrameRateLimit'),
        ptzConfigurationToken: ptz?.attributes.token?.slice(0, 64) ?? null,
      };
    });
}

/** GetStreamUri or GetSnapshotUri: the MediaUri's Uri. */
export function parseMediaUri(xml: string, response: 'GetStreamUriResponse' | 'GetSnapshotUriResponse'): string {
  const uri = requiredText(findElement(parseResponse(xml, response), 'MediaUri'), 'Uri', 2048);
  try {
    new URL(uri);
  } catch {
    throw new OnvifError('E_ONVIF_RESPONSE', 'the media URI is not a URL');
  }
  return uri;
}
