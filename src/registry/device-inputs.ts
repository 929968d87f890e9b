/** What clients send to create or change assets and conformance declarations (strict, like inputs.ts). */
import type { z } from 'zod';
import { deviceProductPatchFields } from './device-product.ts';
import { assetRecord, conformanceDeclarationRecord } from './device-model.ts';

const assetFields = assetRecord.omit({ id: true, active: true });
export const assetCreateInput = assetFields.extend({
  locationNote: assetFields.shape.locationNote.default(''),
  holdsFootage: assetFields.shape.holdsFootage.default(false),
});
/** An asset stays in its system: moving it is deactivating it here and registering it there. */
export const assetUpdateInput = assetFields.omit({ siteId: true }).partial().extend(deviceProductPatchFields);
export type AssetCreateInput = z.output<typeof assetCreateInput>;
export type AssetUpdateInput = z.output<typeof assetUpdateInput>;

/** The device's system is taken from the device, not from the client. */
const declarationFields = conformanceDeclarationRecord.omit({ id: true, active: true, siteId: true });
export const conformanceCreateInput = declarationFields.extend({
  level: declarationFields.shape.level.default(null),
  certificateRef: declarationFields.shape.certificateRef.default(null),
  evidenceDocId: declarationFields.shape.evidenceDocId.default(null),
  note: declarationFields.shape.note.default(''),
});
export const conformanceUpdateInput = declarationFields.omit({ deviceKind: true, deviceId: true }).partial();
export type ConformanceCreateInput = z.output<typeof conformanceCreateInput>;
export type ConformanceUpdateInput = z.output<typeof conformanceUpdateInput>;
