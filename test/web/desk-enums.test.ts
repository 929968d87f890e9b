/** The desk offers exactly the API's enum values, and every one has a label in both languages (never a raw code). */
import { describe, expect, it } from 'vitest';
import * as registry from '../../src/registry/enums.ts';
import { ARCHIVE_DOCUMENT_TYPES } from '../../src/archive/model.ts';
import * as desk from '../../web/src/desk/enums.ts';
import { messages } from '../../web/src/i18n/messages.ts';
import type { MessageTree } from '../../web/src/i18n/messages.ts';

const GROUPS: [group: string, web: readonly string[], api: readonly string[]][] = [
  ['unitType', desk.UNIT_TYPES, registry.UNIT_TYPES],
  ['placeCategory', desk.PLACE_CATEGORIES, registry.PLACE_CATEGORIES],
  ['zoneType', desk.ZONE_TYPES, registry.ZONE_TYPES],
  ['securityObligationBasis', desk.SECURITY_OBLIGATION_BASES, registry.SECURITY_OBLIGATION_BASES],
  ['commissionScope', desk.COMMISSION_SCOPES, registry.COMMISSION_SCOPES],
  ['assetType', desk.ASSET_TYPES, registry.ASSET_TYPES],
  ['archiveDocumentType', desk.ARCHIVE_DOCUMENT_TYPES, ARCHIVE_DOCUMENT_TYPES],
  ['confidentialProximity', registry.CONFIDENTIAL_PROXIMITIES, registry.CONFIDENTIAL_PROXIMITIES],
  ['deviceType', registry.DEVICE_TYPES, registry.DEVICE_TYPES],
];

const label = (tree: MessageTree, group: string, value: string): unknown => ((tree.enum as MessageTree)[group] as MessageTree | undefined)?.[value];

describe('compliance desk enums', () => {
  it.each(GROUPS)('%s: the same values as the API, each labelled in Chinese and English', (group, web, api) => {
    expect([...web]).toEqual([...api]);
    for (const value of api) {
      expect(label(messages.zh, group, value), `zh ${group}.${value}`).toEqual(expect.any(String));
      expect(label(messages.en, group, value), `en ${group}.${value}`).toEqual(expect.any(String));
      expect(label(messages.en, group, value)).not.toBe(value);
    }
  });

  it('REG-08-1 and REG-07-1: zone types and place categories name their article in both languages', () => {
    for (const value of registry.ZONE_TYPES) {
      expect(label(messages.en, 'zoneType', value)).toMatch(/art\. 8\.1\([1-4]\)/);
      expect(label(messages.zh, 'zoneType', value)).toMatch(/第八条第一款第\([一二三四]\)项/);
    }
    for (const value of registry.PLACE_CATEGORIES) {
      expect(label(messages.en, 'placeCategory', value)).toMatch(/\(art\. (7\.1|7\.2\([1-4]\)|9|33)\)$/);
      expect(label(messages.zh, 'placeCategory', value)).toMatch(/第(七|九|三十三)条/);
    }
  });
});
