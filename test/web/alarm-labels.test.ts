/** Every alarm kind, category and severity the API can return has a label in both languages (never a raw code). */
import { describe, expect, it } from 'vitest';
import { ALARM_CATEGORIES, ALARM_KINDS, ALARM_SEVERITIES } from '../../src/events/alarm-kinds.ts';
import { messages, type MessageTree } from '../../web/src/i18n/messages.ts';

const label = (tree: MessageTree, group: string, value: string): unknown => ((tree.enum as MessageTree)[group] as MessageTree | undefined)?.[value];

describe('alarm labels', () => {
  it.each([
    ['alarmKind', ALARM_KINDS],
    ['alarmCategory', ALARM_CATEGORIES],
    ['alarmSeverity', ALARM_SEVERITIES],
  ] as const)('%s: each value labelled in Chinese and English', (group, values) => {
    for (const value of values) {
      expect(label(messages.zh, group, value), `zh ${group}.${value}`).toEqual(expect.any(String));
      expect(label(messages.en, group, value), `en ${group}.${value}`).toEqual(expect.any(String));
      expect(label(messages.en, group, value)).not.toBe(value);
    }
  });
});
