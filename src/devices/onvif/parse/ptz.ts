/** Readers of the PTZ service answers. */
import type { PtzPreset } from '../../ptz/ptz-driver.ts';
import { OnvifError } from '../soap/errors.ts';
import { childrenNamed, parseResponse, requiredText, text } from '../soap/response.ts';

export function parsePresets(xml: string): PtzPreset[] {
  const response = parseResponse(xml, 'GetPresetsResponse');
  return childrenNamed(response, 'Preset')
    .slice(0, 256)
    .map((preset) => {
      const token = preset.attributes.token;
      if (!token || token.length > 64) throw new OnvifError('E_ONVIF_RESPONSE', 'a preset without a token');
      return { token, name: text(preset, 'Name')?.slice(0, 128) ?? null };
    });
}

export function parseSetPreset(xml: string): string {
  return requiredText(parseResponse(xml, 'SetPresetResponse'), 'PresetToken', 64);
}
