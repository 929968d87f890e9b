/**
 * Every alarm Custos raises, with its category, default severity and the article it serves.
 * Tamper (art. 23(2)), health (art. 15 continuity and stability) and security (art. 23(3), 23(4)).
 */
import { z } from 'zod';

/** DEVICE: what a camera or NVR reports of itself over ONVIF or GB/T 28181 (motion, its own alarms). COMPLIANCE: a duty of the unit under Order 799 waits (a public report, art. 24). */
export const ALARM_CATEGORIES = ['TAMPER', 'HEALTH', 'SECURITY', 'DEVICE', 'COMPLIANCE'] as const;
export type AlarmCategory = (typeof ALARM_CATEGORIES)[number];

export const ALARM_SEVERITIES = ['CRITICAL', 'WARNING', 'INFO'] as const;
export const alarmSeverity = z.enum(ALARM_SEVERITIES);
export type AlarmSeverity = z.infer<typeof alarmSeverity>;

interface KindFacts {
  category: AlarmCategory;
  severity: AlarmSeverity;
  article: string;
  /** An event at an instant (a failed verification, a new administrator): raised already ended. */
  instant?: boolean;
}

export const ALARM_KIND_FACTS = {
  // Tamper (art. 23(2)): the stream carries on but the picture does not show the scene.
  TAMPER_OCCLUSION: { category: 'TAMPER', severity: 'CRITICAL', article: '23(2)' },
  TAMPER_LOW_DETAIL: { category: 'TAMPER', severity: 'CRITICAL', article: '23(2)' },
  TAMPER_DEFOCUS: { category: 'TAMPER', severity: 'CRITICAL', article: '23(2)' },
  TAMPER_SCENE_CHANGE: { category: 'TAMPER', severity: 'CRITICAL', article: '23(2)' },
  TAMPER_SIGNAL_LOST: { category: 'TAMPER', severity: 'CRITICAL', article: '23(2)' },
  DEVICE_SWAPPED: { category: 'TAMPER', severity: 'CRITICAL', article: '23(2)' },
  /** The camera itself reports tampering (ONVIF tamper events, GB/T 28181 video alarm types). */
  DEVICE_TAMPER: { category: 'TAMPER', severity: 'CRITICAL', article: '23(2)' },
  // Health (art. 15): continuity and stability of collection and storage.
  CAMERA_OFFLINE: { category: 'HEALTH', severity: 'CRITICAL', article: '15' },
  CAMERA_RECONNECTING: { category: 'HEALTH', severity: 'WARNING', article: '15' },
  BITRATE_COLLAPSE: { category: 'HEALTH', severity: 'WARNING', article: '15' },
  FRAME_RATE_DROP: { category: 'HEALTH', severity: 'WARNING', article: '15' },
  CLOCK_DRIFT: { category: 'HEALTH', severity: 'WARNING', article: '15' },
  RECORDING_GAP: { category: 'HEALTH', severity: 'WARNING', article: '15', instant: true },
  /** The camera's gaps of the last hour (short holes included) add up to health.missingSecondsPerHour or more. */
  RECORDING_LOSS: { category: 'HEALTH', severity: 'WARNING', article: '15' },
  STORAGE_AT_RISK: { category: 'HEALTH', severity: 'CRITICAL', article: '17' },
  RECORDER_WORKER_RESTARTED: { category: 'HEALTH', severity: 'WARNING', article: '15', instant: true },
  LEDGER_CHECKPOINT_OVERDUE: { category: 'HEALTH', severity: 'CRITICAL', article: '15' },
  // Intrusion and control (art. 23(3)), illegal data acquisition (art. 23(4)).
  SECURITY_BRUTE_FORCE: { category: 'SECURITY', severity: 'CRITICAL', article: '23(3)' },
  SEC_ADMIN_CREATED: { category: 'SECURITY', severity: 'INFO', article: '23(3)', instant: true },
  SEC_PRIVILEGE_ESCALATION: { category: 'SECURITY', severity: 'WARNING', article: '23(3)', instant: true },
  // A webhook endpoint made, pointed elsewhere, re-keyed or removed: where alarm data leaves the system.
  EVENTS_OUT_CHANGED: { category: 'SECURITY', severity: 'WARNING', article: '23(4)', instant: true },
  MEDIA_REFUSALS: { category: 'SECURITY', severity: 'WARNING', article: '23(4)' },
  VERIFICATION_FAILED: { category: 'SECURITY', severity: 'CRITICAL', article: '23(5)', instant: true },
  UNKNOWN_DEVICE: { category: 'SECURITY', severity: 'CRITICAL', article: '23(3)' },
  EXPORT_VOLUME_EXCEEDED: { category: 'SECURITY', severity: 'WARNING', article: '23(4)' },
  /** A device that is not in the inventory registered over GB/T 28181 or answered a discovery probe (REG-07-6). */
  UNREGISTERED_DEVICE: { category: 'SECURITY', severity: 'WARNING', article: '7' },
  // Device events (ONVIF events, GB/T 28181 alarm notifications): what the device says of itself.
  DEVICE_MOTION: { category: 'DEVICE', severity: 'INFO', article: '2' },
  DEVICE_ALARM: { category: 'DEVICE', severity: 'WARNING', article: '2', instant: true },
  // Public reports (art. 24 ¶2): a person reported a camera from a sign; nobody acted on it within the first-action time.
  PUBLIC_REPORT_RECEIVED: { category: 'COMPLIANCE', severity: 'WARNING', article: '24', instant: true },
  PUBLIC_REPORT_SLA_BREACHED: { category: 'COMPLIANCE', severity: 'CRITICAL', article: '24' },
  /** A corrective order (责令改正) 7 days, then 1 day, before its limit; ends when it closes or falls due. */
  CORRECTIVE_ORDER_DUE_SOON: { category: 'COMPLIANCE', severity: 'WARNING', article: '24' },
  /** A corrective order open past its limit: the conditional fines it names may now be imposed (拒不改正). */
  CORRECTIVE_ORDER_OVERDUE: { category: 'COMPLIANCE', severity: 'CRITICAL', article: '24' },
} as const satisfies Record<string, KindFacts>;

export type AlarmKind = keyof typeof ALARM_KIND_FACTS;
export const ALARM_KINDS = Object.keys(ALARM_KIND_FACTS) as [AlarmKind, ...AlarmKind[]];
export const alarmKind = z.enum(ALARM_KINDS);
export const alarmCategory = z.enum(ALARM_CATEGORIES);

export function factsOf(kind: AlarmKind): KindFacts {
  return ALARM_KIND_FACTS[kind];
}
