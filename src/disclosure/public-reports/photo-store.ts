/**
 * Photos of public reports on the local disk, under `<dataDir>/disclosure/public-reports/<report>/<photo>`
 * (the pattern of the art. 21 documents): named by ids only, confined to that folder, written once,
 * with SHA-256. Only JPEG, PNG and WebP are taken, recognised by their first bytes.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isWithin } from '../../archive/archive-paths.ts';
import { imageTypeOf } from '../../registry/floor-plan/image-type.ts';
import { InvalidError } from '../../shared/errors.ts';
import { photoTooLarge, photoType } from './errors.ts';
import { PHOTO_MAX_BYTES } from './model.ts';

const ID_RE = /^[a-z0-9]+_[0-9a-z]+$/;

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

export class ReportPhotoStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'disclosure', 'public-reports');
  }

  /** Writes the bytes (never over an existing file); returns the path relative to the root and the SHA-256. */
  async put(reportId: string, photoId: string, bytes: Buffer): Promise<{ path: string; sha256: string }> {
    const file = this.resolve(path.join(reportId, photoId));
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, bytes, { flag: 'wx', mode: 0o600 });
    return { path: path.relative(this.root, file), sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  async read(relative: string): Promise<Buffer> {
    return readFile(this.resolve(relative));
  }

  private resolve(relative: string): string {
    const parts = relative.split(path.sep);
    const file = path.resolve(this.root, relative);
    if (parts.length !== 2 || !parts.every((p) => ID_RE.test(p)) || !isWithin(this.root, file)) {
      throw new InvalidError('E_PATH_INVALID', { message: { zh: '照片路径无效', en: 'Invalid photo path' }, details: { path: relative } });
    }
    return file;
  }
}
