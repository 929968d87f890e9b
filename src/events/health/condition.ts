import type { AlarmKind } from '../alarm-kinds.ts';

/**
 * What a health rule found for one subject at one look: the kind holds (raise it, with these figures)
 * or it does not (end it if open). Instant kinds (gaps, worker restarts) are raised once, never ended.
 */
export interface HealthCondition {
  kind: AlarmKind;
  cameraId: string | null;
  subject: string;
  active: boolean;
  /** When the condition began (the alarm's start); defaults to the look's time. */
  since?: string;
  details: Record<string, unknown>;
}
