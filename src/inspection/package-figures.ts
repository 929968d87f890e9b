/**
 * The package's figures drawn from the running system: retention against the floor and the footage
 * actually kept (4), the access register for the period with its chain verified (5), personnel (6), the
 * ledger's latest signed checkpoint and its verification (8), open findings (9).
 */
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Db } from '../db/connect.ts';
import { registerRepository } from '../access/register/register-repository.ts';
import type { RegisterEntry } from '../access/register/model.ts';
import { missingPrerequisites } from '../access/personnel/prerequisites.ts';
import { personsRepository } from '../access/repositories.ts';
import type { ComplianceReport } from '../compliance/compliance-service.ts';
import { defaultAnchorFile, readAnchor } from '../ledger/anchor-file.ts';
import type { LedgerService } from '../ledger/ledger-service.ts';
import { verifyLedger } from '../ledger/ledger-verify.ts';
import { loadKey } from '../ledger/signing-key.ts';
import type { Finding } from '../policy/types.ts';
import { LocalSegmentStore, segmentsRoot } from '../recording/local-segment-store.ts';
import type { SegmentReader } from '../recording/segment-store.ts';
import type { CameraRetentionStatus } from '../retention/status-service.ts';
import type { InspectionPackageBody } from './package-schema.ts';

type Body = InspectionPackageBody;
const DAY_MS = 86_400_000;

export function findingEntry(f: Finding): Body['findings']['items'][number] {
  return {
    ruleId: f.ruleId,
    code: f.code,
    article: f.article,
    severity: f.severity,
    penaltyRef: f.penaltyRef ?? null,
    subjectType: f.subject.type,
    subjectId: f.subject.id,
    message: f.message,
  };
}

export function retentionSection(statuses: { siteId: string; floorDays: number | null; status: CameraRetentionStatus }[], floorDays: number, at: Date): Body['retention'] {
  return {
    floorDays,
    cameras: statuses.map(({ siteId, floorDays: floor, status }) => ({
      cameraId: status.cameraId,
      siteId,
      configuredDays: status.settings.retentionDays,
      floorDays: floor,
      meetsFloor: floor === null || status.settings.retentionDays >= floor,
      segments: status.segments,
      oldestFootageAt: status.oldest?.startAt ?? null,
      oldestFootageAgeDays: status.oldest ? Math.floor((at.getTime() - Date.parse(status.oldest.startAt)) / DAY_MS) : null,
      holds: new Set(status.heldRanges.map((h) => h.holdId)).size,
    })),
    holds: statuses.flatMap(({ status }) => status.heldRanges.map((h) => ({ holdId: h.holdId, cameraId: h.cameraId, from: h.from ?? '', to: h.to ?? '' }))),
  };
}

const tally = (values: string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
};

/** What `custos register verify` runs: the register's hash chain, then its entries against the ledger. */
export type RegisterVerify = () => Promise<{ ok: boolean; entries: number; headHash: string; firstBad?: { seq: number; problem: string } }>;

/** The entries of the period whose every camera is one of the inspected ones (an entry naming none belongs to no system). */
export async function registerSection(db: Db, cameraIds: ReadonlySet<string>, from: string, to: string, verify: RegisterVerify): Promise<Body['accessRegister']> {
  const entries: RegisterEntry[] = [];
  const pageSize = 1000;
  for (let offset = 0; ; offset += pageSize) {
    const page = await registerRepository.search(db, { from, to }, { limit: pageSize, offset }, 'asc');
    for (const entry of page.entries) if (entry.cameraIds.length > 0 && entry.cameraIds.every((id) => cameraIds.has(id))) entries.push(entry);
    if (page.entries.length < pageSize) break;
  }
  const chain = await verify();
  const units = tally(entries.map((e) => e.actor.unit));
  return {
    total: entries.length,
    byKind: tally(entries.map((e) => e.kind)),
    byOperation: tally(entries.map((e) => e.operation)),
    byReasonCategory: tally(entries.map((e) => e.reason.category)),
    viewerUnits: Object.entries(units)
      .map(([unit, count]) => ({ unit, count }))
      .sort((a, b) => b.count - a.count || a.unit.localeCompare(b.unit)),
    verification: {
      ok: chain.ok,
      entries: chain.entries,
      headHash: chain.headHash,
      firstBad: chain.firstBad ? `${chain.firstBad.seq}: ${chain.firstBad.problem}` : null,
    },
  };
}

export async function personnelSection(db: Db, unitId: string, report: ComplianceReport): Promise<Body['personnel']> {
  const persons = (await personsRepository.list(db)).filter((p) => p.unitId === unitId && p.active);
  const personnelCodes = new Set(['PERSONNEL_PREREQ_MISSING', 'TRAINING_LAPSED']);
  return {
    persons: persons.map((p) => ({
      personId: p.id,
      name: p.name,
      position: p.position,
      entryVettingAt: p.entryVettingAt,
      confidentialityEducationAt: p.confidentialityEducationAt,
      jobTrainingAt: p.jobTrainingAt,
      confidentialityAgreementAt: p.confidentialityAgreementAt,
      complete: missingPrerequisites(p).length === 0,
    })),
    findings: report.unitFindings.filter((f) => f.subject.id === unitId && personnelCodes.has(f.code)).map(findingEntry),
  };
}

/** The latest signed checkpoint (signed now when the tree has grown since), the public key and the full verification. */
export async function ledgerSection(db: Db, ledger: LedgerService, dataDir: string, segments?: SegmentReader): Promise<Body['security']['ledger']> {
  let checkpoint: Body['security']['ledger']['checkpoint'] = null;
  let publicKey: Body['security']['ledger']['publicKey'] = null;
  try {
    await ledger.sync();
    const cp = await ledger.checkpoint(true);
    checkpoint = { seq: cp.seq, treeSize: cp.treeSize, rootHash: cp.rootHash, at: cp.at, keyId: cp.keyId, signature: cp.signature };
    const key = await ledger.publicKey();
    const der = createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
    publicKey = { algorithm: 'Ed25519', keyId: key.keyId, fingerprintSha256: createHash('sha256').update(der).digest('hex'), publicKeyPem: key.publicKeyPem };
  } catch {
    // A missing key is itself a finding of the verification below; the package still says so.
  }
  const anchorFile = ledger.anchorFile ?? defaultAnchorFile(dataDir);
  const anchor = existsSync(anchorFile) ? await readAnchor(anchorFile) : undefined;
  const result = await verifyLedger(db, segments ?? new LocalSegmentStore(segmentsRoot(dataDir)), await loadKey(dataDir), anchor ? { anchor } : {});
  return {
    checkpoint,
    publicKey,
    verification: {
      ok: result.ok,
      leaves: result.leaves,
      checkpoints: result.checkpoints,
      problems: result.problems.length,
      firstProblem: result.firstProblem ? `${result.firstProblem.layer}:${result.firstProblem.code} ${result.firstProblem.ref}` : null,
    },
  };
}
