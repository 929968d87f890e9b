import type { TFunction } from 'i18next';

/** `alarm.raised` → its label (message keys cannot hold the dot). */
export function eventTypeLabel(t: TFunction, type: string): string {
  return t(`integrations.eventTypes.${type.replace('.', '_')}`, { defaultValue: type });
}

export const EVENT_TYPES = ['alarm.raised', 'alarm.ended', 'alarm.acknowledged', 'camera.availability', 'ledger.checkpoint', 'public-report.forwarded'] as const;
