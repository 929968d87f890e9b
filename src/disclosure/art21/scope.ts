/**
 * The "关联的" scope (REG-21-3, AMB-11): cameras × windows around the stated incident. A window
 * reaching beyond ±maxWindowHours of the incident needs a written justification.
 */
import { outOfApprovedScope, scopeRangeInvalid, scopeRequired, scopeTooBroad } from './errors.ts';
import type { ScopeItem } from './model.ts';

const HOUR_MS = 3_600_000;

function normalised(item: ScopeItem): ScopeItem {
  const from = Date.parse(item.from);
  const to = Date.parse(item.to);
  if (Number.isNaN(from) || Number.isNaN(to) || from >= to) throw scopeRangeInvalid(item);
  return { cameraId: item.cameraId, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The scope as stored (ISO instants in UTC); E_SCOPE_REQUIRED when empty, E_SCOPE_TOO_BROAD when too wide without justification. */
export function checkScope(scope: readonly ScopeItem[] | undefined, incidentAt: string, maxWindowHours: number, justification: string | undefined): ScopeItem[] {
  if (!scope || scope.length === 0) throw scopeRequired();
  const items = scope.map(normalised);
  if (justification && justification.trim().length > 0) return items;
  const incident = Date.parse(incidentAt);
  const earliest = new Date(incident - maxWindowHours * HOUR_MS).toISOString();
  const latest = new Date(incident + maxWindowHours * HOUR_MS).toISOString();
  for (const item of items) if (item.from < earliest || item.to > latest) throw scopeTooBroad(item, earliest, latest, maxWindowHours);
  return items;
}

/** Whether one item of the scope holds the camera over the whole range. */
export function scopeHolds(scope: readonly ScopeItem[], range: ScopeItem): boolean {
  return scope.some((s) => s.cameraId === range.cameraId && s.from <= range.from && s.to >= range.to);
}

/** The ranges asked for, each within the approved scope (E_OUT_OF_REQUEST_SCOPE otherwise); the whole scope when none are asked for. */
export function rangesWithin(scope: readonly ScopeItem[], asked: readonly ScopeItem[] | undefined): ScopeItem[] {
  if (!asked) return scope.map((s) => ({ ...s }));
  const items = asked.map(normalised);
  for (const item of items) if (!scopeHolds(scope, item)) throw outOfApprovedScope(item);
  return items;
}
