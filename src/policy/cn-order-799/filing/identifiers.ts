/**
 * Checks of the identifiers a filing carries: the unified social credit code (GB 32100-2015) and the
 * county-level administrative division code (GB/T 2260, REG-05-1).
 */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** GB 32100-2015: 18 characters, the last a mod-31 check character over the first 17. */
export function isValidUscc(code: string): boolean {
  if (!USCC_RE.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS.charAt(check) === code.charAt(17);
}

export type AdminDivisionProblem = 'E_ADMIN_DIVISION_FORMAT' | 'E_COUNTY_LEVEL_CODE_REQUIRED';

/** REG-05-1: six digits, county level (not ending in 00). Null when the code is acceptable. */
export function adminDivisionProblem(code: string): AdminDivisionProblem | null {
  if (!/^\d{6}$/.test(code)) return 'E_ADMIN_DIVISION_FORMAT';
  if (code.endsWith('00')) return 'E_COUNTY_LEVEL_CODE_REQUIRED';
  return null;
}
