/**
 * Export bundles (art. 15, REG-16-3): the segments of a range packed with their proofs into one file
 * (src/bundle), then an EXPORT entry in the register that records the bundle's SHA-256 with the
 * segments' hashes. The entry is written before a byte of the bundle leaves the server.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/connect.ts';
import type { Readable } from 'node:stream';
import { buildBundle, type BundleDeps } from '../../bundle/build-bundle.ts';
import { ffprobePath } from '../../bundle/media-tools.ts';
import type { BundleVerifyResult } from '../../bundle/verify-bundle.ts';
import { verifyUpload } from '../../bundle/verify-upload.ts';
import { nothingToExport } from '../../ledger/errors.ts';
import { sourceRepository, type DeletionRow } from '../../ledger/source-repository.ts';
import { listSegments } from '../../recording/segment-repository.ts';
import type { SegmentRow } from '../../recording/model.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { Principal } from '../principal.ts';
import type { BasisRecord, EntryContent, OpenEntry, Reason } from '../register/model.ts';
import type { RegisterService } from '../register/register-service.ts';
import { redactionRequired } from '../../disclosure/release/errors.ts';

export interface BundleRequest {
  cameraIds: string[];
  from: string;
  to: string;
  reason: Reason;
  basis: BasisRecord | null;
  approver: { userId: string; name: string } | null;
  exportRequestId: string | null;
  /** The outside person receiving the bundle, named as the register entry's actor (REG-20-3). */
  recipient?: OpenEntry['recipient'];
}

export interface BundleResult {
  exportId: string;
  registerEntryId: string;
  file: string;
  fileName: string;
  sha256: string;
  bytes: number;
  segments: number;
}

export class BundleService {
  constructor(private readonly deps: BundleDeps & { db: Db; clock: Clock; register: RegisterService; dataDir: string }) {}

  /** A private path under the data folder for a bundle on its way to an API client. */
  scratchFile(): string {
    return path.join(this.deps.workRoot, `${newId('exp')}.tar`);
  }

  /** Checks a bundle sent back to the server, every layer, against the key this server signs with. */
  verify(body: Readable | undefined, declaredBytes: number): Promise<BundleVerifyResult & { bytes: number }> {
    const { ledger, workRoot, ffmpegPath } = this.deps;
    return verifyUpload({ workRoot, trustedPublicKeyPem: async () => (await ledger.key()).publicKeyPem, ffprobe: ffprobePath(ffmpegPath) }, body, declaredBytes);
  }

  /**
   * Builds the bundle at `out`, then records the export (inside `within`'s transaction step, e.g.
   * marking the export request USED). On any failure the file is removed.
   */
  async export(principal: Principal, request: BundleRequest, out: string, within?: (tx: Db) => Promise<void>): Promise<BundleResult> {
    const { db, clock, register } = this.deps;
    const range = { from: request.from, to: request.to };
    // REG-22-1: a public release goes out only as its redacted file (src/disclosure/release), never as a bundle of originals.
    if (request.basis?.type === 'PUBLIC_RELEASE') throw redactionRequired({ basis: request.basis });
    const segments = new Map<string, SegmentRow[]>();
    const tombstones = new Map<string, DeletionRow[]>();
    for (const cameraId of request.cameraIds) {
      const rows = await listSegments(db, { cameraId, ...range });
      if (rows.length === 0) throw nothingToExport(cameraId, request.from, request.to);
      segments.set(cameraId, rows);
      const [first, last] = [rows[0] as SegmentRow, rows[rows.length - 1] as SegmentRow];
      if (last.seq - first.seq + 1 > rows.length) {
        const deleted = await sourceRepository.deletionsOfCamera(db, cameraId);
        tombstones.set(cameraId, deleted.filter((d) => d.segmentSeq > first.seq && d.segmentSeq < last.seq));
      }
    }
    const exportId = newId('exp');
    const built = await buildBundle(this.deps, {
      exportId,
      createdAt: clock.now(),
      range,
      segments,
      tombstones,
      exporter: { userId: principal.userId, name: principal.displayName, unit: principal.unitName, clientAddress: principal.clientAddress },
      approver: request.approver,
      reason: request.reason,
      basis: request.basis,
      exportRequestId: request.exportRequestId,
    }, out);
    const fileName = `${exportId}.tar`;
    const all = [...segments.values()].flat();
    const content: EntryContent = {
      cameraIds: request.cameraIds,
      ranges: request.cameraIds.map((cameraId) => ({ cameraId, ...range })),
      operation: 'EXPORT',
      fileHashes: [{ file: fileName, bytes: built.bytes, sha256: built.sha256 }, ...all.map((s) => ({ segmentId: s.id, cameraId: s.cameraId, sha256: s.sha256 }))],
    };
    try {
      const entry = await db.transaction().execute(async (tx) => {
        await within?.(tx);
        return register.open(principal, { operation: 'EXPORT', reason: request.reason, content, basis: request.basis, approver: request.approver, recipient: request.recipient ?? null }, tx);
      });
      return { exportId, registerEntryId: entry.id, file: out, fileName, sha256: built.sha256, bytes: built.bytes, segments: all.length };
    } catch (error) {
      await rm(out, { force: true });
      throw error;
    }
  }
}
