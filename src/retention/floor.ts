/**
 * The retention floor the policy pack sets for a place category (REG-17-1): mandatory for art. 7
 * places (30 days), advisory for art. 9 places (no floor enforced, a finding instead), none under
 * art. 33. Read from the pack's applicability matrix, not restated here.
 */
import { categoryClass, matrixAt, RETENTION_MIN_DAYS } from '../policy/index.ts';
import type { PlaceCategory } from '../registry/enums.ts';

export function retentionFloorDays(placeCategory: PlaceCategory, at: Date): number | null {
  const matrix = matrixAt(at);
  // Before the Order commenced no floor applied; keep the floor anyway: deleting less is never wrong.
  if (!matrix) return RETENTION_MIN_DAYS;
  const row = matrix.rows.find((r) => r.article === '17');
  return row?.[categoryClass(placeCategory)] === 'MANDATORY' ? RETENTION_MIN_DAYS : null;
}
