/** The filing (备案, art. 14) engine: pure functions over a registry snapshot. */
export * from './calendar.ts';
export * from './deadline.ts';
export * from './dataset-schema.ts';
export * from './dataset.ts';
export * from './diff.ts';
export * from './findings.ts';
export * from './duty.ts';
export * from './change-dating.ts';
export * from './as-of.ts';
export * from './submission.ts';
export * from './state.ts';
export * from './manual-edit.ts';
export * from './attachments.ts';
export * from './labels.ts';
export { canonicalJson, sha256Hex } from './canonical.ts';
export { HOLIDAY_YEARS, type HolidayPeriod, type HolidayYear } from './holidays-2025-2026.ts';
