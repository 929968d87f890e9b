/** The API shapes the public-report pages use, from the generated schema. */
import type { ResponseOf } from '../api/http.ts';

export type PublicReport = ResponseOf<'/api/public-reports/{id}'>;
