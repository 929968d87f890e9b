/**
 * REG-16-2: job training counts for 12 months; from the day after, video access is suspended
 * (the server's prerequisites.ts, same rule, decides; this only shows it).
 */
const REFRESH_MONTHS = 12;

export function trainingLapsesOn(jobTrainingAt: string): string {
  const [y, m, d] = jobTrainingAt.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + REFRESH_MONTHS, d + 1)).toISOString().slice(0, 10);
}

/** The date the training lapsed on, when it has by `today` (YYYY-MM-DD, Asia/Shanghai); otherwise null. */
export function trainingLapsed(jobTrainingAt: string | null, today: string): string | null {
  if (!jobTrainingAt) return null;
  const lapse = trainingLapsesOn(jobTrainingAt);
  return today >= lapse ? lapse : null;
}
