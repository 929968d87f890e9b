/**
 * REG-14-4 / AMB-6: which filed fields differ between the dataset on file and the live one.
 * The result is a flat map `path → [filed, live]`, e.g. `{ cameraTotal: [12, 13], 'cameraByType.FIXED': [8, 9] }`.
 * Bookkeeping fields (hash, provenance, deadline, generation time, schema version, the authority looked
 * up from the admin table) are not filed facts and are ignored.
 */
import { canonicalJson } from './canonical.ts';

export type FilingDiff = Record<string, [filed: unknown, live: unknown]>;

const IGNORED = new Set([
  'sha256',
  'provenance',
  'deadline',
  'generatedAt',
  'schemaVersion',
  'siteId',
  'filingAuthority',
  'extras.putIntoUseDateSource',
]);
/** Groups whose members are compared one by one; any other value is compared whole. */
const GROUPS = new Set(['unit', 'location', 'extras', 'cameraByType']);
/** A device type missing from a count map means zero cameras of it. */
const ZERO_DEFAULT_PREFIX = 'cameraByType.';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function flatten(dataset: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(dataset)) {
    if (IGNORED.has(key)) continue;
    if (GROUPS.has(key) && isPlainObject(value)) {
      for (const [sub, v] of Object.entries(value)) {
        const path = `${key}.${sub}`;
        if (!IGNORED.has(path)) out.set(path, v);
      }
    } else {
      out.set(key, value);
    }
  }
  return out;
}

function fill(path: string, value: unknown): unknown {
  if (value !== undefined) return value;
  return path.startsWith(ZERO_DEFAULT_PREFIX) ? 0 : null;
}

export function diffFilingDatasets(filed: Record<string, unknown>, live: Record<string, unknown>): FilingDiff {
  const a = flatten(filed);
  const b = flatten(live);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const diff: FilingDiff = {};
  for (const path of paths) {
    const before = fill(path, a.get(path));
    const after = fill(path, b.get(path));
    if (canonicalJson(before) !== canonicalJson(after)) diff[path] = [before, after];
  }
  return diff;
}
