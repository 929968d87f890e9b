/**
 * REG-11-2: the archive's integrity check. Every stored version is hashed again and compared with
 * the hash recorded at upload; a missing or altered file is reported, never repaired. Each run is
 * kept in the history, so an inspector can see that the check was made and what it found.
 */
import { historyRepository } from '../registry/repositories/history-repository.ts';
import type { Actor, RegistryContext } from '../registry/services/context.ts';
import type { ArchiveFileStore, BlobProblem } from './file-store.ts';
import { archiveVersionsRepository } from './repositories.ts';
import type { ArchiveVersionRecord } from './model.ts';
import { targetLookup } from '../registry/services/object-access.ts';

export interface VersionCheck {
  docId: string;
  siteId: string;
  version: number;
  valid: boolean;
  expectedSha256: string;
  actualSha256: string | null;
  problem: BlobProblem | null;
}

export interface ArchiveVerification {
  at: string;
  checked: number;
  invalid: number;
  results: VersionCheck[];
}

export interface Progress {
  done: number;
  total: number;
  phase: string;
}

/** A signed-in auditor checks the archives of the systems their AUDIT grants cover; the local operator checks all. */
async function auditable(ctx: RegistryContext, actor: Actor, versions: ArchiveVersionRecord[]): Promise<ArchiveVersionRecord[]> {
  if (!actor.principal || !ctx.gate) return versions;
  const reach = await ctx.gate.reach(actor.principal, 'AUDIT');
  if (reach.everything) return versions;
  const targets = targetLookup(ctx.db);
  const kept: ArchiveVersionRecord[] = [];
  for (const v of versions) if (reach.covers(await targets.site(v.siteId))) kept.push(v);
  return kept;
}

export async function verifyArchive(
  ctx: RegistryContext,
  store: ArchiveFileStore,
  actor: Actor,
  onProgress?: (progress: Progress) => void,
): Promise<ArchiveVerification> {
  const versions = await auditable(ctx, actor, await archiveVersionsRepository.list(ctx.db));
  const results: VersionCheck[] = [];
  for (const v of versions) {
    const check = await store.verify({ siteId: v.siteId, documentId: v.documentId, version: v.version }, v.sha256);
    results.push({ docId: v.documentId, siteId: v.siteId, version: v.version, valid: check.valid, expectedSha256: v.sha256, actualSha256: check.sha256, problem: check.problem });
    onProgress?.({ done: results.length, total: versions.length, phase: 'verify' });
  }
  const at = ctx.clock.now().toISOString();
  const failed = results.filter((r) => !r.valid);
  await historyRepository.append(ctx.db, {
    entityType: 'archiveVerification',
    entityId: at,
    action: 'verify',
    actor: actor.name,
    at,
    before: null,
    after: { checked: results.length, invalid: failed.map(({ docId, version, problem }) => ({ docId, version, problem })) },
  });
  return { at, checked: results.length, invalid: failed.length, results };
}
