/** Row shapes of the ledger tables (migration 0008), with the conventions of tables.ts. */
import type { Generated } from 'kysely';

/** One deleted segment (written by the retention module in the deleting transaction; see 0008_ledger.ts). */
export interface SegmentDeletionsTable {
  seq: Generated<number>;
  id: string;
  segmentId: string;
  cameraId: string;
  segmentSeq: number;
  startAt: string;
  endAt: string;
  sha256: string;
  prevChainHash: string;
  chainHash: string;
  bytes: number;
  policy: string;
  orderRef: string | null;
  deletedAt: string;
}

export interface LedgerLeavesTable {
  idx: number;
  kind: string;
  ref: string;
  data: string;
  appendedAt: string;
}

export interface LedgerNodesTable {
  level: number;
  idx: number;
  hash: string;
}

export interface LedgerCursorsTable {
  source: string;
  position: string;
  updatedAt: string;
}

export interface LedgerCheckpointsTable {
  seq: Generated<number>;
  treeSize: number;
  rootHash: string;
  at: string;
  keyId: string;
  signature: string;
}
