/** The art. 24 report form on the sign's public page (placeholder until the public-reports work lands). */
export function ReportForm(_props: { code: string }) {
  return null;
}
