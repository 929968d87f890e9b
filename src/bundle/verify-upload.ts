/**
 * A bundle sent to the server to be checked (art. 15): written to a private scratch file, checked
 * layer by layer by the same verifier `custos verify` runs, against the key the server signs with,
 * then removed. Nothing of it is kept.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from '../shared/ids.ts';
import { InvalidError, PayloadTooLargeError } from '../shared/errors.ts';
import { verifyBundle, type BundleVerifyResult } from './verify-bundle.ts';

/** The largest bundle the server checks (the export of a long range with many cameras stays below). */
export const VERIFY_MAX_BYTES = 4 * 1024 ** 3;

const tooLarge = () =>
  new PayloadTooLargeError('E_BUNDLE_TOO_LARGE', {
    message: { zh: `导出包超过可校验的上限 ${VERIFY_MAX_BYTES} 字节,请用 custos verify 离线校验`, en: `The bundle is larger than the ${VERIFY_MAX_BYTES} bytes the server checks; check it offline with custos verify` },
    details: { maxBytes: VERIFY_MAX_BYTES },
  });

export interface VerifyUploadDeps {
  workRoot: string;
  /** The public key the server signs with: a bundle signed with another key fails MANIFEST_SIGNATURE. */
  trustedPublicKeyPem: () => Promise<string>;
  ffprobe?: string;
}

export async function verifyUpload(deps: VerifyUploadDeps, body: Readable | undefined, declaredBytes: number): Promise<BundleVerifyResult & { bytes: number }> {
  if (!body || typeof (body as Partial<Readable>)[Symbol.asyncIterator] !== 'function') {
    throw new InvalidError('E_BUNDLE_FILE_REQUIRED', { message: { zh: '请以 application/octet-stream 上传导出包文件', en: 'Send the bundle file as application/octet-stream' } });
  }
  if (Number.isFinite(declaredBytes) && declaredBytes > VERIFY_MAX_BYTES) throw tooLarge();
  await mkdir(deps.workRoot, { recursive: true });
  const file = path.join(deps.workRoot, `${newId('vfy')}.tar`);
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > VERIFY_MAX_BYTES ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(body, count, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    const result = await verifyBundle(file, { trustedPublicKeyPem: await deps.trustedPublicKeyPem(), ...(deps.ffprobe ? { ffprobe: deps.ffprobe } : {}) });
    return { ...result, bytes };
  } finally {
    await rm(file, { force: true });
  }
}
