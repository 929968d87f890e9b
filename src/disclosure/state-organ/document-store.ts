/**
 * The scans of state-organ documents (legal basis, amendments, signed receipts), write-once on the
 * local disk under `<dataDir>/state-organ/archive/`, hashed (SHA-256) while written. The archive's
 * own store does the work: every path is checked to stay under its root.
 */
import path from 'node:path';
import type { Readable } from 'node:stream';
import { LocalArchiveFileStore } from '../../archive/local-file-store.ts';
import type { StoredBlob } from '../../archive/file-store.ts';
import { MAX_SCAN_BYTES } from './model.ts';
import { scanInvalid } from './errors.ts';

const SITE = 'state-organ-requests';

export class StateOrganDocumentStore {
  private readonly store: LocalArchiveFileStore;

  constructor(dataDir: string) {
    this.store = new LocalArchiveFileStore(path.join(dataDir, 'state-organ'));
  }

  /** Decodes the base64 scan and stores it under the document's id. */
  async put(documentId: string, contentBase64: string): Promise<StoredBlob> {
    const bytes = Buffer.from(contentBase64, 'base64');
    if (bytes.length === 0) throw scanInvalid('empty');
    if (bytes.length > MAX_SCAN_BYTES) throw scanInvalid(`larger than ${MAX_SCAN_BYTES} bytes`);
    return this.store.put({ siteId: SITE, documentId, version: 1 }, (async function* () {
      yield bytes;
    })(), { maxBytes: MAX_SCAN_BYTES });
  }

  get(documentId: string): Promise<Readable> {
    return this.store.get({ siteId: SITE, documentId, version: 1 });
  }

  /** Removes a scan whose record was never written (the request was refused after the upload). */
  discard(documentId: string): Promise<void> {
    return this.store.discardUncommitted({ siteId: SITE, documentId, version: 1 });
  }
}
