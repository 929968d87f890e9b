/**
 * AMB-18: the mandatory national standards (GB, not GB/T) that devices of a public security video
 * system must conform to (art. 12). Pack data: counsel adds to this list; the rule REG-12-1 reads it.
 */
import type { AssetType } from '../../registry/enums.ts';
import type { LocalizedText } from '../../shared/errors.ts';

export interface MandatoryStandard {
  id: string;
  title: LocalizedText;
  /** Device types the standard covers. A carrier's network link is a service, not a product under it. */
  appliesTo: readonly ('CAMERA' | AssetType)[];
}

export const MANDATORY_STANDARD_LIST: readonly MandatoryStandard[] = [
  {
    id: 'GB 35114-2017',
    title: {
      zh: '公共安全视频监控联网信息安全技术要求',
      en: 'Technical requirements for information security of public security video surveillance networking',
    },
    appliesTo: ['CAMERA', 'RECORDER', 'STORAGE_NODE', 'ENCODER', 'PLATFORM_SERVER', 'DISPLAY', 'OTHER'],
  },
];

/** The ids of the listed standards, e.g. ['GB 35114-2017']. */
export const MANDATORY_STANDARDS: readonly string[] = MANDATORY_STANDARD_LIST.map((s) => s.id);

/** 'GB 35114-2017', 'gb35114-2017' and 'GB 35114—2017' name the same standard. */
export function sameStandard(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[‐-―－]/g, '-').toUpperCase();
  return norm(a) === norm(b);
}
