import type { ZoneRecord } from '../../../registry/model.ts';
import type { LocalizedText } from '../../../shared/errors.ts';
import { zoneTypeMeta } from '../zone-types.ts';

/** '试衣间“2F 试衣间 A”' / 'fitting room “2F fitting room A”', or just the kind when no zone is drawn. */
export function zoneLabel(zoneType: ZoneRecord['zoneType'], zoneName?: string): LocalizedText {
  const meta = zoneTypeMeta(zoneType);
  return zoneName === undefined ? meta.name : { zh: `${meta.name.zh}“${zoneName}”`, en: `${meta.name.en} “${zoneName}”` };
}
