/**
 * REG-12-1: the product data every device carries (cameras and related facilities): who made it,
 * which model, which unit, and which firmware and hardware it runs. Firmware is what vulnerability
 * advisories are matched against (REG-12-2).
 */
import { z } from 'zod';

const text = z.string().max(200);

/** As stored in a record: missing in an older snapshot file means unknown (null). */
export const deviceProductFields = {
  manufacturer: text.nullable().default(null),
  model: text.nullable().default(null),
  serialNumber: text.nullable().default(null),
  firmwareVersion: text.nullable().default(null),
  hardwareVersion: text.nullable().default(null),
};

/**
 * For a PATCH: each field optional and without its default, so that a patch that leaves a field out
 * leaves it as it is (zod's partial() would otherwise fill the default in and erase the stored value).
 */
export const deviceProductPatchFields = {
  manufacturer: text.nullable().optional(),
  model: text.nullable().optional(),
  serialNumber: text.nullable().optional(),
  firmwareVersion: text.nullable().optional(),
  hardwareVersion: text.nullable().optional(),
};

export const DEVICE_PRODUCT_KEYS = ['manufacturer', 'model', 'serialNumber', 'firmwareVersion', 'hardwareVersion'] as const;
