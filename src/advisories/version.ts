/**
 * Firmware versions and affected-version ranges. Versions are dotted numeric segments, optionally
 * prefixed with 'v' and followed by a build suffix that is ignored ('V5.7.3 build 240101' is 5.7.3);
 * missing segments count as zero (5.7 = 5.7.0).
 *
 * Ranges: comparators separated by spaces or commas all apply ('>=1.0 <2.0'); '||' separates
 * alternatives; a bare version means exactly that version; '*' means every version. CSAF's
 * 'vers:<scheme>/<constraints>' (constraints joined by '|') is read by the vers algorithm.
 */
import { InvalidError } from '../shared/errors.ts';

export type Version = number[];
type Op = '<' | '<=' | '>' | '>=' | '=' | '!=';
interface Constraint {
  op: Op;
  version: Version;
}

const VERSION_RE = /^[vV]?(\d{1,9}(?:\.\d{1,9}){0,15})(?:$|[\s_+\-(]|[a-zA-Z])/;

/** The numeric segments of a version, or null when it does not start with one. */
export function parseVersion(text: string): Version | null {
  const m = VERSION_RE.exec(text.trim());
  return m ? m[1]!.split('.').map(Number) : null;
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

function satisfies(v: Version, c: Constraint): boolean {
  const d = compareVersions(v, c.version);
  switch (c.op) {
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    case '=':
      return d === 0;
    case '!=':
      return d !== 0;
  }
}

function rangeError(range: string, problem: string): InvalidError {
  return new InvalidError('E_VERSION_RANGE', {
    message: { zh: `无法识别受影响版本范围"${range.slice(0, 100)}":${problem}`, en: `Cannot read the affected version range "${range.slice(0, 100)}": ${problem}` },
    details: { range: range.slice(0, 200) },
  });
}

function constraintOf(token: string, range: string): Constraint {
  const m = /^(<=|>=|!=|==|<|>|=)?\s*(.+)$/.exec(token);
  const version = m ? parseVersion(m[2]!) : null;
  if (!m || !version) throw rangeError(range, `"${token.slice(0, 50)}" is not a version`);
  const op = (m[1] === '==' ? '=' : (m[1] ?? '=')) as Op;
  return { op, version };
}

/** vers: a version is in range if it equals an '=' constraint, or lies within the intervals the sorted constraints draw. */
function versContains(v: Version, constraints: Constraint[]): boolean {
  if (constraints.some((c) => c.op === '!=' && !satisfies(v, c))) return false;
  if (constraints.some((c) => c.op === '=' && satisfies(v, c))) return true;
  const bounds = constraints.filter((c) => c.op !== '=' && c.op !== '!=').sort((a, b) => compareVersions(a.version, b.version));
  const isLower = (c: Constraint) => c.op === '>' || c.op === '>=';
  for (let i = 0; i < bounds.length; i++) {
    const c = bounds[i]!;
    const next = bounds[i + 1];
    if (i === 0 && !isLower(c) && satisfies(v, c)) return true;
    if (!next && isLower(c) && satisfies(v, c)) return true;
    if (next && isLower(c) && !isLower(next) && satisfies(v, c) && satisfies(v, next)) return true;
  }
  return false;
}

/** A range as a predicate on versions; throws E_VERSION_RANGE when it cannot be read. */
export function parseRange(range: string): (version: Version) => boolean {
  const text = range.trim();
  if (text.length === 0 || text.length > 500) throw rangeError(range, 'empty or too long');
  const vers = /^vers:([a-z0-9.+-]+)\/(.*)$/i.exec(text);
  if (vers) {
    const body = vers[2]!.trim();
    if (body === '*') return () => true;
    const constraints = body.split('|').map((t) => constraintOf(t.trim(), range));
    return (v) => versContains(v, constraints);
  }
  if (text === '*' || /^all$/i.test(text)) return () => true;
  const alternatives = text.split('||').map((alt) => {
    const tokens = alt
      .replace(/(<=|>=|!=|==|<|>|=)\s+/g, '$1')
      .split(/[\s,]+/)
      .filter(Boolean);
    if (tokens.length === 0) throw rangeError(range, 'an alternative is empty');
    const constraints = tokens.map((t) => constraintOf(t, range));
    // '5.7.1, 5.7.2' would mean "both at once": refuse it rather than match nothing.
    if (constraints.length > 1 && constraints.some((c) => c.op === '=')) throw rangeError(range, "separate single versions with '||'");
    return constraints;
  });
  return (v) => alternatives.some((all) => all.every((c) => satisfies(v, c)));
}
