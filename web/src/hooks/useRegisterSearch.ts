import { useState } from 'react';
import { api, query } from '../api/client.ts';
import type { RegisterEntry } from '../api/types.ts';
import { useAsync } from './useAsync.ts';

export interface RegisterFilters {
  from: string;
  to: string;
  cameraId: string;
  actorName: string;
  operation: string;
  reasonCategory: string;
}

const EMPTY: RegisterFilters = { from: '', to: '', cameraId: '', actorName: '', operation: '', reasonCategory: '' };

/** The register search: the filters being edited, the applied ones, the page of entries and the export links. */
export function useRegisterSearch() {
  const [filters, setFilters] = useState<RegisterFilters>(EMPTY);
  const [applied, setApplied] = useState<RegisterFilters>(EMPTY);
  const params = {
    ...applied,
    from: applied.from ? new Date(applied.from).toISOString() : '',
    to: applied.to ? new Date(applied.to).toISOString() : '',
  };
  const qs = query(params);
  const result = useAsync(() => api<{ total: number; entries: RegisterEntry[] }>(`/api/register${query({ ...params, limit: 200 })}`), [qs]);
  return {
    filters,
    set: (key: keyof RegisterFilters, value: string) => setFilters((f) => ({ ...f, [key]: value })),
    apply: () => setApplied(filters),
    result,
    csvUrl: `/api/register/export.csv${qs}`,
    pdfUrl: `/api/register/export.pdf${qs}`,
  };
}
