/**
 * REG-12-2: which devices an advisory affects. A device matches a product when manufacturer and model
 * are equal ignoring case and spacing, and its firmware version lies in the affected range. A device
 * of the model whose firmware is unknown or unreadable cannot be decided and is reported as such.
 */
import type { DeviceKind } from '../registry/enums.ts';
import type { AdvisoryProduct, AdvisorySeverity } from './model.ts';
import { highest } from './parsed.ts';
import { parseRange, parseVersion } from './version.ts';

export interface MatchDevice {
  kind: DeviceKind;
  id: string;
  siteId: string;
  name: string;
  manufacturer: string | null;
  model: string | null;
  firmwareVersion: string | null;
}

export interface AffectedDevice {
  device: MatchDevice;
  severity: AdvisorySeverity;
  matchedVersion: string;
  fixedVersion: string | null;
}

export interface UndeterminedDevice {
  kind: DeviceKind;
  id: string;
  reason: 'FIRMWARE_UNKNOWN' | 'FIRMWARE_UNREADABLE';
}

const norm = (s: string | null) => (s ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

export function matchProducts(products: readonly AdvisoryProduct[], devices: readonly MatchDevice[]): { affected: AffectedDevice[]; undetermined: UndeterminedDevice[] } {
  const ranges = products.map((p) => ({ product: p, contains: parseRange(p.affected) }));
  const affected: AffectedDevice[] = [];
  const undetermined: UndeterminedDevice[] = [];
  for (const device of devices) {
    const candidates = ranges.filter(({ product }) => norm(product.vendor) === norm(device.manufacturer) && norm(product.model) === norm(device.model));
    if (candidates.length === 0) continue;
    const version = device.firmwareVersion === null ? null : parseVersion(device.firmwareVersion);
    if (version === null) {
      undetermined.push({ kind: device.kind, id: device.id, reason: device.firmwareVersion === null ? 'FIRMWARE_UNKNOWN' : 'FIRMWARE_UNREADABLE' });
      continue;
    }
    const hits = candidates.filter(({ contains }) => contains(version)).map(({ product }) => product);
    if (hits.length === 0) continue;
    affected.push({
      device,
      severity: highest(hits.map((h) => h.severity)),
      matchedVersion: device.firmwareVersion as string,
      fixedVersion: hits.find((h) => h.fixedVersion !== null)?.fixedVersion ?? null,
    });
  }
  return { affected, undetermined };
}
