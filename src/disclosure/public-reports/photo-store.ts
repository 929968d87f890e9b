/**
 * Photos of public reports: only JPEG, PNG and WebP are taken, recognised by their first bytes, and kept
 * as the shared id-file store keeps files (ids only, confined, written once, SHA-256).
 */
import path from 'node:path';
import { imageTypeOf } from '../../registry/floor-plan/image-type.ts';
import { IdFileStore } from '../../shared/id-file-store.ts';
import { photoTooLarge, photoType } from './errors.ts';
import { PHOTO_MAX_BYTES } from './model.ts';

export interface CheckedPhoto {
  bytes: Buffer;
  mediaType: string;
}

/** Decodes and checks one photo (size, then type by its magic bytes): E_REPORT_PHOTO_TOO_LARGE, E_REPORT_PHOTO_TYPE. */
export function checkPhoto(contentBase64: string): CheckedPhoto {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > PHOTO_MAX_BYTES) throw photoTooLarge();
  const mediaType = bytes.length > 0 ? imageTypeOf(bytes) : null;
  if (!mediaType) throw photoType();
  return { bytes, mediaType };
}

/** Photos of public reports, under `<dataDir>/disclosure/public-reports/<report>/<photo>`. */
export class ReportPhotoStore extends IdFileStore {
  constructor(dataDir: string) {
    super(path.join(dataDir, 'disclosure', 'public-reports'), { zh: '照片路径无效', en: 'Invalid photo path' });
  }
}
