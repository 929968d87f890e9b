/** Unified social credit code (统一社会信用代码), GB 32100-2015. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccError = 'E_USCC_FORMAT' | 'E_USCC_CHECKSUM';

/** The check character for the first 17 characters. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

export function validateUscc(code: string | null | undefined): UsccError | null {
  if (typeof code !== 'string' || !FORMAT.test(code)) return 'E_USCC_FORMAT';
  return usccCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'E_USCC_CHECKSUM';
}
