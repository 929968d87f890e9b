/** The cn-order-799 pack's entry point. */
import type { CameraStatus } from '../../registry/enums.ts';
import type { RegistrySnapshot } from '../../registry/snapshot.ts';
import type { Finding } from '../types.ts';
import { applyMatrix, sortFindings } from './apply-matrix.ts';
import { matrixAt } from './applicability.ts';
import { buildContext } from './context.ts';
import { evaluateFilings } from './filing/findings.ts';
import { RULES } from './rules/index.ts';

export interface EvaluateOptions {
  /** Evaluate as if this camera had this status (e.g. ACTIVE, to see what would refuse its activation). */
  assume?: { cameraId: string; status: CameraStatus };
}

function withAssumption(snapshot: RegistrySnapshot, assume: EvaluateOptions['assume']): RegistrySnapshot {
  if (!assume) return snapshot;
  return { ...snapshot, cameras: snapshot.cameras.map((c) => (c.id === assume.cameraId ? { ...c, status: assume.status } : c)) };
}

/**
 * All findings of the pack at `at`. Before the pack's commencement (REG-34-1) there are none.
 * Inactive cameras appear with the BLOCK findings that would refuse their activation.
 */
export function evaluate(snapshot: RegistrySnapshot, at: Date, options: EvaluateOptions = {}): Finding[] {
  const matrix = matrixAt(at);
  if (!matrix) return [];
  const effective = withAssumption(snapshot, options.assume);
  const ctx = buildContext(effective, at, options.assume?.cameraId);
  const raw = [...RULES.flatMap((rule) => rule.evaluate(ctx)), ...evaluateFilings(effective, at)];
  return sortFindings(applyMatrix(raw, matrix, ctx.classOf));
}
