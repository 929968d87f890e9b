/**
 * REG-12-2: days from an advisory's import to the due date of its remediation tasks, by severity.
 * Pack data (the requirement says "configurable"): critical 7, high 30, medium 90, low 180.
 */
export const REMEDIATION_DUE_DAYS = { CRITICAL: 7, HIGH: 30, MEDIUM: 90, LOW: 180 } as const;
