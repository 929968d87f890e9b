/** The GB/T 28181 page's labels: every key it can ask for exists in Chinese and English, and the small calculations. */
import { describe, expect, it } from 'vitest';
import { GB_TYPES } from '../../src/gb28181/ids.ts';
import { codeTypeKey, deviceState, fileSize, keepaliveAge, ptzTypeKey } from '../../web/src/gb28181/gb-labels.ts';
import { messages, type MessageTree } from '../../web/src/i18n/messages.ts';

const lookup = (tree: MessageTree, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as MessageTree | undefined)?.[part], tree);

describe('GB/T 28181 labels', () => {
  it('names every PTZ type and code type the page can show, in both languages', () => {
    const keys = new Set<string>();
    for (const ptz of [null, undefined, 0, 1, 2, 3, 4, 5, -1, 1.5]) keys.add(ptzTypeKey(ptz));
    for (const type of [...Object.keys(GB_TYPES), '000', '999']) keys.add(codeTypeKey(`3402000000${type}0000001`));
    keys.add(codeTypeKey('not a code'));
    for (const state of ['online', 'offline', 'unknown']) keys.add(`gb28181.state.${state}`);
    for (const key of keys) {
      expect(lookup(messages.zh, key), `zh ${key}`).toEqual(expect.any(String));
      expect(lookup(messages.en, key), `en ${key}`).toEqual(expect.any(String));
    }
    expect(ptzTypeKey(1)).toBe('gb28181.ptzType.1');
    expect(ptzTypeKey(7)).toBe('gb28181.ptzType.unknown');
    expect(codeTypeKey('34020000001320000001')).toBe('gb28181.codeType.132');
    expect(codeTypeKey('3402000000132000000')).toBe('gb28181.codeType.other');
  });

  it('flags an online device no camera links to as not in the inventory', () => {
    expect(deviceState({ online: true, known: false })).toBe('unknown');
    expect(deviceState({ online: true, known: true })).toBe('online');
    expect(deviceState({ online: false, known: true })).toBe('offline');
    expect(deviceState({ online: false, known: false })).toBe('offline');
  });

  it('counts keep-alive age in seconds, and none for a missing or future time', () => {
    const now = Date.parse('2025-06-01T02:00:00Z');
    expect(keepaliveAge('2025-06-01T01:59:30Z', now)).toBe(30);
    expect(keepaliveAge(null, now)).toBeNull();
    expect(keepaliveAge('2025-06-01T02:00:10Z', now)).toBeNull();
    expect(keepaliveAge('garbage', now)).toBeNull();
  });

  it('writes sizes short', () => {
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(2048)).toBe('2.0 KiB');
    expect(fileSize(5 * 1024 ** 3)).toBe('5.0 GiB');
    expect(fileSize(null)).toBe('—');
    expect(fileSize(-1)).toBe('—');
  });
});
