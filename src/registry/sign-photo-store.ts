/**
 * REG-13-5: the photo that proves a sign is up, kept on the local disk under `<dataDir>/sign-photos`.
 * A photo is stored under its own SHA-256 (`sign-photos/<sha256>.jpg|png`), so the reference the sign
 * keeps records the hash, the same photo is stored once, and a stored file is never replaced. Only
 * JPEG and PNG are taken, recognised by their first bytes, whatever the client says they are.
 */
import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError, InvalidError, NotFoundError, PayloadTooLargeError } from '../shared/errors.ts';

export const SIGN_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const SIGN_PHOTO_TYPES = { jpg: 'image/jpeg', png: 'image/png' } as const;
type Extension = keyof typeof SIGN_PHOTO_TYPES;

const REF_RE = /^sign-photos\/([0-9a-f]{64})\.(jpg|png)$/;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface StoredPhoto {
  /** What the sign records: `sign-photos/<sha256>.<ext>`. */
  ref: string;
  sha256: string;
  mediaType: string;
  sizeBytes: number;
}

/** JPEG (FF D8 FF) or PNG (the 8-byte PNG signature), from the bytes themselves. */
export function photoExtension(bytes: Buffer): Extension | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_MAGIC)) return 'png';
  return undefined;
}

/** The hash and type a photo reference names, or undefined for a reference that is not a stored photo. */
export function parsePhotoRef(ref: string | null): { sha256: string; mediaType: string } | undefined {
  const match = ref ? REF_RE.exec(ref) : null;
  if (!match) return undefined;
  return { sha256: match[1]!, mediaType: SIGN_PHOTO_TYPES[match[2] as Extension] };
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

export class SignPhotoStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'sign-photos');
  }

  /** Checks the bytes (size, type by magic bytes) and stores them under their hash. */
  async put(bytes: Buffer, declaredType?: string): Promise<StoredPhoto> {
    if (bytes.length === 0) throw new InvalidError('E_SIGN_PHOTO_EMPTY', { article: '13', message: { zh: '上传的照片为空', en: 'The uploaded photo is empty' } });
    if (bytes.length > SIGN_PHOTO_MAX_BYTES) throw tooLarge();
    const ext = photoExtension(bytes);
    const declared = declaredType?.split(';')[0]?.trim().toLowerCase();
    if (!ext || (declared?.startsWith('image/') && declared !== SIGN_PHOTO_TYPES[ext])) {
      throw new InvalidError('E_SIGN_PHOTO_TYPE', {
        article: '13',
        message: { zh: '标识照片须为 JPEG 或 PNG 图片', en: 'A sign photo must be a JPEG or PNG image' },
        details: { accepted: Object.values(SIGN_PHOTO_TYPES) },
      });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = path.join(this.root, `${sha256}.${ext}`);
    await mkdir(this.root, { recursive: true });
    const tmp = path.join(this.root, `.${randomBytes(8).toString('hex')}.part`);
    const handle = await open(tmp, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(tmp, file);
    } catch (error) {
      // The same photo stored before: its bytes are these (same hash), and it is never replaced.
      if (errno(error) !== 'EEXIST') throw error;
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    return { ref: `sign-photos/${sha256}.${ext}`, sha256, mediaType: SIGN_PHOTO_TYPES[ext], sizeBytes: bytes.length };
  }

  /** The stored photo a reference names, checked against the hash in its name. */
  async get(ref: string | null): Promise<{ bytes: Buffer; sha256: string; mediaType: string }> {
    const parsed = parsePhotoRef(ref);
    if (!parsed || !ref) throw noPhoto();
    const bytes = await readFile(path.join(this.root, path.basename(ref))).catch((error: unknown) => {
      throw errno(error) === 'ENOENT' ? noPhoto() : error;
    });
    if (createHash('sha256').update(bytes).digest('hex') !== parsed.sha256) {
      throw new ConflictError('E_SIGN_PHOTO_CORRUPT', {
        article: '13',
        message: { zh: '标识照片与登记的哈希值不符', en: 'The sign photo does not match its recorded hash' },
        details: { sha256: parsed.sha256 },
      });
    }
    return { bytes, ...parsed };
  }
}

function tooLarge(): PayloadTooLargeError {
  return new PayloadTooLargeError('E_SIGN_PHOTO_TOO_LARGE', {
    article: '13',
    message: { zh: `照片超过上限 ${SIGN_PHOTO_MAX_BYTES} 字节`, en: `The photo is larger than the limit of ${SIGN_PHOTO_MAX_BYTES} bytes` },
    details: { maxBytes: SIGN_PHOTO_MAX_BYTES },
  });
}

function noPhoto(): NotFoundError {
  return new NotFoundError('E_SIGN_PHOTO_NONE', { message: { zh: '该标识没有已上传的照片', en: 'This sign has no uploaded photo' } });
}
