/**
 * REG-02-2 and REG-12-1 records: the related facilities of a system (相关设施: recorders, storage,
 * encoders, platform servers, displays, network links) and the conformance declarations that cameras
 * and those facilities carry against the mandatory national standards listed in the policy pack.
 */
import { z } from 'zod';
import { ASSET_TYPES, CONFORMANCE_LEVELS, DEVICE_KINDS } from './enums.ts';
import { deviceProductFields } from './device-product.ts';
import { id } from './model.ts';

export const assetRecord = z.strictObject({
  id,
  /** The system (filing unit, AMB-5) the facility belongs to; exactly one. */
  siteId: id,
  assetType: z.enum(ASSET_TYPES),
  name: z.string().min(1).max(200),
  /** Where it is: machine room, rack, carrier circuit number. */
  locationNote: z.string().max(1000),
  /** A recorder or storage node that holds recordings: it may not be removed while it does. */
  holdsFootage: z.boolean(),
  ...deviceProductFields,
  active: z.boolean(),
});
export type AssetRecord = z.infer<typeof assetRecord>;

/**
 * A declaration that a device conforms to a mandatory standard (e.g. GB 35114-2017). It is the
 * vendor's evidence recorded by the unit; the system records it and cannot certify it (AMB-18).
 */
export const conformanceDeclarationRecord = z.strictObject({
  id,
  deviceKind: z.enum(DEVICE_KINDS),
  deviceId: id,
  /** The device's system, copied when the declaration is made (devices do not move between systems). */
  siteId: id,
  standard: z.string().trim().min(1).max(100),
  /** Security level claimed, if the standard grades one (GB 35114: A, B or C). */
  level: z.enum(CONFORMANCE_LEVELS).nullable(),
  /** Certificate number or test-report reference. */
  certificateRef: z.string().max(200).nullable(),
  /** The evidence document (a document id or path under the data folder). */
  evidenceDocId: z.string().max(200).nullable(),
  note: z.string().max(2000),
  active: z.boolean(),
});
export type ConformanceDeclarationRecord = z.infer<typeof conformanceDeclarationRecord>;
