/** API shapes the filing pages use, from the generated schema. */
import type { ResponseOf } from '../api/http.ts';

export type Draft = ResponseOf<'/api/sites/{id}/filing-draft'>;
export type Filing = ResponseOf<'/api/filings/{id}'>;
export type Report = ResponseOf<'/api/compliance'>;
export type Finding = Report['sites'][number]['findings'][number];
export type Exposure = ResponseOf<'/api/compliance/exposure'>;

export const OPEN_STATUSES: readonly string[] = ['DRAFT', 'SUBMITTED', 'RETURNED'];
