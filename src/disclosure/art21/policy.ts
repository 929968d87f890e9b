/** What the unit may configure for art. 21 requests (config `art21`); the defaults follow REG-21-3 and REG-21-4. */
export interface Art21Policy {
  /** The widest window either side of the stated incident time without a justification (REG-21-3). */
  maxWindowHours: number;
  /** Calendar days the unit has to answer a request (pack default 15). */
  answerDays: number;
  /** A pending request due within this many days is shown as due soon. */
  dueSoonDays: number;
  /** A supervised viewing session ends this many minutes after it starts (REG-21-4). */
  sessionMinutes: number;
}

export const DEFAULT_ART21_POLICY: Art21Policy = { maxWindowHours: 2, answerDays: 15, dueSoonDays: 3, sessionMinutes: 60 };
