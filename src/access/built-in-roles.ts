/** Ids of the built-in roles that migration 0007 seeds (their actions are listed there). */
export const BUILT_IN_ROLE_KEYS = ['ADMINISTRATOR', 'MONITOR_OPERATOR', 'INVESTIGATOR', 'AUDITOR', 'CONTRACTOR', 'LIAISON', 'INSPECTOR'] as const;
export type BuiltInRoleKey = (typeof BUILT_IN_ROLE_KEYS)[number];

export function builtInRoleId(key: BuiltInRoleKey): string {
  return `role-${key.toLowerCase().replaceAll('_', '-')}`;
}
