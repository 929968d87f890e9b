/** The public-report settings (config `publicReports`). */
export interface PublicReportPolicy {
  /** Hours from receipt to the first action by a handler (REG-24-2 firstActionHours). */
  firstActionHours: number;
}

export const DEFAULT_PUBLIC_REPORT_POLICY: PublicReportPolicy = { firstActionHours: 24 };
