/** The policy module's public API: the cn-order-799 pack (State Council Order No. 799). */
export { evaluate, type EvaluateOptions } from './cn-order-799/evaluate.ts';
export { evaluateCameraAction } from './cn-order-799/camera-action.ts';
export { placeCategories, zoneTypes, type PlaceCategoryMeta, type ZoneTypeMeta } from './cn-order-799/meta.ts';
export { zoneTypeMeta } from './cn-order-799/zone-types.ts';
export {
  APPLICABILITY_MATRICES,
  categoryClass,
  matrixAt,
  type ApplicabilityMatrix,
  type CategoryClass,
} from './cn-order-799/applicability.ts';
export { cameraScope, validatePlaceCategory, type CameraScope } from './cn-order-799/rules/scope.ts';
export { validateAdminDivisionCode, type AdminDivisionError } from './cn-order-799/rules/admin-division.ts';
export { validateUscc, type UsccError } from './cn-order-799/uscc.ts';
export { validateSiteUnit, validateUnitUscc } from './cn-order-799/rules/management-unit.ts';
export { validateSign } from './cn-order-799/rules/signage.ts';
export { NECESSITY_MIN_CHARS } from './cn-order-799/rules/necessity.ts';
export { RETENTION_MIN_DAYS } from './cn-order-799/rules/retention.ts';
export { coverageSectors, sectorPolygon, type Sector } from './cn-order-799/geometry.ts';
export { penaltyExposure, type ExposureReport, type ExposureRow, type ExposureTotals } from './cn-order-799/penalties.ts';
export { tamperIncidentExposure, type TamperExposure, type TamperIncident } from './cn-order-799/tamper-exposure.ts';
export { PENALTY_TABLES, penaltyTableAt, type AmountRange, type PenaltyRow, type PenaltyTrigger } from './cn-order-799/penalty-table.ts';
export type { Finding, FindingSubject, Gate, Severity } from './types.ts';
