/**
 * The one gate every segment deletion passes (REG-17-2, REG-23-6): `permitDeletion` is the only
 * function that issues a DeletionPermit, and the segment deleter refuses anything it did not issue.
 * A segment goes on retention grounds only when it is eligible (eligibleAt ≤ now), no hold covers it
 * and its purpose is achieved; before eligibleAt only an executed order of the public security organ
 * (arts. 26–28, REG-26-2) can delete it, and only within the order's scope.
 */
import type { SegmentRow } from '../recording/model.ts';
import { segmentEligibleAt } from './eligibility.ts';
import { overlaps, type CameraRange, type DeletionPolicy, type RetentionPeriod } from './model.ts';

/** What retention knows of one camera at the time of a sweep. */
export interface CameraRetentionFacts {
  cameraId: string;
  timeline: readonly RetentionPeriod[];
  floorDays: number | null;
  /** Ranges of holds not released. */
  holds: readonly (CameraRange & { holdId: string })[];
  /** Ranges linked to cases still open. */
  openPurposes: readonly (CameraRange & { ref: string })[];
}

/** An approved order of the public security organ, with the footage it names. */
export interface ApprovedOrder {
  orderId: string;
  documentNo: string;
  approvals: number;
  ranges: readonly CameraRange[];
}

export type DeletionGround = { kind: 'RETENTION'; facts: CameraRetentionFacts } | { kind: 'ORDERED'; order: ApprovedOrder };

export type Refusal =
  | { permitted: false; reason: 'NOT_ELIGIBLE'; eligibleAt: string }
  | { permitted: false; reason: 'HELD'; eligibleAt: string; holdId: string }
  | { permitted: false; reason: 'PURPOSE_ONGOING'; eligibleAt: string; ref: string }
  | { permitted: false; reason: 'OUT_OF_SCOPE' | 'WRONG_CAMERA' | 'ORDER_NOT_APPROVED' };

export interface DeletionPermit {
  readonly permitted: true;
  readonly segment: SegmentRow;
  readonly policy: DeletionPolicy;
  readonly orderRef: string | null;
}

export const ORDER_APPROVALS_REQUIRED = 2;

const issued = new WeakSet<DeletionPermit>();

/** Whether `permit` came from permitDeletion (the deleter's check). */
export function isIssued(permit: DeletionPermit): boolean {
  return issued.has(permit);
}

function issue(segment: SegmentRow, policy: DeletionPolicy, orderRef: string | null): DeletionPermit {
  const permit: DeletionPermit = Object.freeze({ permitted: true as const, segment, policy, orderRef });
  issued.add(permit);
  return permit;
}

/** THE eligibility check: a permit to delete the segment now, or the reason why not. */
export function permitDeletion(segment: SegmentRow, ground: DeletionGround, now: Date): DeletionPermit | Refusal {
  if (ground.kind === 'ORDERED') {
    const { order } = ground;
    if (order.approvals < ORDER_APPROVALS_REQUIRED) return { permitted: false, reason: 'ORDER_NOT_APPROVED' };
    const inScope = order.ranges.some((r) => r.cameraId === segment.cameraId && overlaps(r, segment.startAt, segment.endAt));
    return inScope ? issue(segment, 'ORDERED', order.documentNo) : { permitted: false, reason: 'OUT_OF_SCOPE' };
  }
  const { facts } = ground;
  if (facts.cameraId !== segment.cameraId) return { permitted: false, reason: 'WRONG_CAMERA' };
  const eligible = segmentEligibleAt(segment, facts.timeline, facts.floorDays, now);
  const eligibleAt = eligible.toISOString();
  if (eligible.getTime() > now.getTime()) return { permitted: false, reason: 'NOT_ELIGIBLE', eligibleAt };
  const hold = facts.holds.find((h) => overlaps(h, segment.startAt, segment.endAt));
  if (hold) return { permitted: false, reason: 'HELD', eligibleAt, holdId: hold.holdId };
  const purpose = facts.openPurposes.find((p) => overlaps(p, segment.startAt, segment.endAt));
  if (purpose) return { permitted: false, reason: 'PURPOSE_ONGOING', eligibleAt, ref: purpose.ref };
  return issue(segment, 'RETENTION', null);
}
