import { describe, expect, it } from 'vitest';
import { compareVersions, parseRange, parseVersion } from '../../src/advisories/version.ts';
import { InvalidError, type DomainError } from '../../src/shared/errors.ts';

const check = (range: string, versions: string[]) => versions.map((v) => parseRange(range)(parseVersion(v)!));

describe('firmware versions and affected ranges', () => {
  it('reads dotted numeric versions with a v prefix and a build suffix; missing segments are zero', () => {
    expect(parseVersion('5.7.3')).toEqual([5, 7, 3]);
    expect(parseVersion('V5.7.2 build 240101')).toEqual([5, 7, 2]);
    expect(parseVersion('v2.1_R3')).toEqual([2, 1]);
    expect(parseVersion('build 5')).toBeNull();
    expect(compareVersions([5, 7], [5, 7, 0])).toBe(0);
    expect(compareVersions([5, 10], [5, 9, 9])).toBe(1);
  });

  it('applies comparators joined by spaces, alternatives joined by ||, and exact versions', () => {
    expect(check('<5.7.3', ['5.7.1', '5.7.2', '5.7.3', '5.8'])).toEqual([true, true, false, false]);
    expect(check('>=1.0 <2.0', ['0.9', '1.0', '1.9.9', '2.0'])).toEqual([false, true, true, false]);
    expect(check('>= 1.0, < 2.0', ['0.9', '1.5', '2.0'])).toEqual([false, true, false]);
    expect(check('5.7.1 || 5.7.2', ['5.7.1', '5.7.2', '5.7.3'])).toEqual([true, true, false]);
    expect(check('*', ['0.0.1'])).toEqual([true]);
  });

  it('reads CSAF vers ranges as intervals', () => {
    expect(check('vers:generic/>=1.0|<2.0', ['0.9', '1.0', '1.9.9', '2.0'])).toEqual([false, true, true, false]);
    expect(check('vers:generic/<1.0|>=2.0', ['0.9', '1.0', '1.9.9', '2.0'])).toEqual([true, false, false, true]);
    expect(check('vers:generic/1.2.3', ['1.2.3', '1.2.4'])).toEqual([true, false]);
    expect(check('vers:generic/*', ['9'])).toEqual([true]);
  });

  it('refuses what it cannot read with E_VERSION_RANGE', () => {
    for (const bad of ['', '<abc', '5.7.1, 5.7.2', '>=', '||']) {
      expect(() => parseRange(bad), bad).toThrow(InvalidError);
      try {
        parseRange(bad);
      } catch (error) {
        expect((error as DomainError).code).toBe('E_VERSION_RANGE');
      }
    }
  });
});
