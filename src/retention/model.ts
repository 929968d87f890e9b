/** The retention module's vocabulary (art. 17, arts. 26–28; REG-17-x, AMB-2, AMB-3, AMB-17). */
import { z } from 'zod';

/** What a legal hold rests on (REG-17-5). */
export const HOLD_BASIS_TYPES = ['LAW', 'ADMIN_REGULATION', 'STATE_ORGAN_REQUEST', 'INCIDENT', 'LITIGATION', 'OTHER'] as const;
export type HoldBasisType = (typeof HOLD_BASIS_TYPES)[number];

/** What a retention longer than the floor rests on; only LAW and ADMIN_REGULATION are the art. 17 exception (AMB-3). */
export const RETENTION_BASIS_TYPES = ['LAW', 'ADMIN_REGULATION', 'LOCAL_REGULATION', 'STANDARD', 'CONTRACT', 'UNIT_CHOICE'] as const;
export type RetentionBasisType = (typeof RETENTION_BASIS_TYPES)[number];
export const STATUTORY_BASES: readonly RetentionBasisType[] = ['LAW', 'ADMIN_REGULATION'];

/** The open cases that keep a purpose from being achieved (REG-17-4). */
export const PURPOSE_BASIS_TYPES = ['INCIDENT', 'REQUEST', 'COMPLAINT'] as const;
export type PurposeBasisType = (typeof PURPOSE_BASIS_TYPES)[number];

export const CAMERA_PRIORITIES = ['HIGH', 'NORMAL', 'LOW'] as const;
export type CameraPriority = (typeof CAMERA_PRIORITIES)[number];
export const DEFAULT_PRIORITY: CameraPriority = 'NORMAL';

/** Why a segment went: by the sweeper, or by an order of the public security organ. */
export type DeletionPolicy = 'RETENTION' | 'ORDERED';

export type PurposeState = 'GENERAL_MONITORING' | 'PURPOSE_ONGOING' | 'ACHIEVED';

/** A time range on one camera; a null end is open on that side. */
export interface CameraRange {
  cameraId: string;
  from: string | null;
  to: string | null;
}

/** One value of a camera's retention and the instant from which it was in force. */
export interface RetentionPeriod {
  from: string;
  days: number;
}

export const instantText = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
export const rangeInput = z.strictObject({
  cameraId: z.string().min(1).max(64),
  from: instantText.nullable().optional(),
  to: instantText.nullable().optional(),
});
export type RangeInput = z.output<typeof rangeInput>;

export const toRange = (r: RangeInput): CameraRange => ({ cameraId: r.cameraId, from: r.from ?? null, to: r.to ?? null });

/** Whether [startAt, endAt) overlaps the range. */
export function overlaps(range: { from: string | null; to: string | null }, startAt: string, endAt: string): boolean {
  return (range.to === null || startAt < range.to) && (range.from === null || endAt > range.from);
}
