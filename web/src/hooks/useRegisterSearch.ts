import { useMemo, useState } from 'react';
import { query } from '../api/client.ts';
import { http, ok, type QueryOf, type ResponseOf } from '../api/http.ts';
import { useAsync } from './useAsync.ts';

export type RegisterEntryView = ResponseOf<'/api/register'>['entries'][number];
type Search = QueryOf<'/api/register'>;

export interface RegisterFilters {
  from: string;
  to: string;
  cameraId: string;
  actorUserId: string;
  kind: string;
  operation: string;
  reasonCategory: string;
}

export const EMPTY_FILTERS: RegisterFilters = { from: '', to: '', cameraId: '', actorUserId: '', kind: '', operation: '', reasonCategory: '' };
const PAGE = 200;

/** The filters as the API takes them: only those chosen, local date-times as UTC instants. */
function toQuery(f: RegisterFilters): Omit<Search, 'limit' | 'offset'> {
  const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);
  const chosen = <T extends string>(value: string) => (value ? (value as T) : undefined);
  const q: Omit<Search, 'limit' | 'offset'> = {
    from: instant(f.from),
    to: instant(f.to),
    cameraId: chosen(f.cameraId),
    actorUserId: chosen(f.actorUserId),
    kind: chosen<NonNullable<Search['kind']>>(f.kind),
    operation: chosen<NonNullable<Search['operation']>>(f.operation),
    reasonCategory: chosen(f.reasonCategory),
  };
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
}

/**
 * The register search: the filters being picked, the applied ones, a page of entries, the export links,
 * the people seen in the register so far (to pick from; auditors cannot list accounts), and the names of
 * cameras and sites.
 */
export function useRegisterSearch() {
  const [filters, setFilters] = useState<RegisterFilters>(EMPTY_FILTERS);
  const [applied, setApplied] = useState<RegisterFilters>(EMPTY_FILTERS);
  const params = toQuery(applied);
  const qs = query(params);
  const result = useAsync(() => ok(http.GET('/api/register', { params: { query: { ...params, limit: PAGE } } })), [qs]);
  const cameras = useAsync(() => ok(http.GET('/api/cameras')), []);
  const sites = useAsync(() => ok(http.GET('/api/sites')), []);
  const [people, setPeople] = useState<Map<string, string>>(new Map());
  const entries = result.data?.entries;
  if (entries && entries.some((e) => !people.has(e.actor.userId))) {
    const next = new Map(people);
    for (const e of entries) next.set(e.actor.userId, e.actor.name);
    setPeople(next);
  }
  const names = useMemo(() => {
    const siteNames = new Map((sites.data ?? []).map((s) => [s.id, s.name]));
    return new Map((cameras.data ?? []).map((c) => [c.id, { name: c.name, site: siteNames.get(c.siteId) ?? null }]));
  }, [cameras.data, sites.data]);
  return {
    filters,
    set: (key: keyof RegisterFilters, value: string) => setFilters((f) => ({ ...f, [key]: value })),
    apply: () => setApplied(filters),
    clear: () => {
      setFilters(EMPTY_FILTERS);
      setApplied(EMPTY_FILTERS);
    },
    result,
    cameras: cameras.data ?? [],
    /** Camera id → its name and its site's name. */
    names,
    people: [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    csvUrl: `/api/register/export.csv${qs}`,
    pdfUrl: `/api/register/export.pdf${qs}`,
  };
}
