/** Which places carry the art. 14 filing duty: art. 7 places only (art. 9.2 lifts it for art. 9 places; art. 33 places are not public). */
export type FilingDuty = 'A7' | 'A9' | 'A33';

export function filingDutyOf(placeCategory: string): FilingDuty {
  if (placeCategory.startsWith('A9')) return 'A9';
  if (placeCategory.startsWith('A33')) return 'A33';
  return 'A7';
}
