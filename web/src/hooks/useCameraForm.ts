import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Camera, ComplianceReport, Finding, Site, ZoneTypeMeta } from '../api/types.ts';
import { useAsync } from './useAsync.ts';

export interface CameraDraft {
  siteId: string;
  name: string;
  deviceType: string;
  sourceUrl: string;
  zoneType: string;
  publicSecurityArea: string;
  necessity: string;
  placementRationale: string;
}

const EMPTY: CameraDraft = { siteId: '', name: '', deviceType: 'FIXED', sourceUrl: '', zoneType: '', publicSecurityArea: 'ENTRANCE', necessity: '', placementRationale: '' };

/**
 * The camera form's state: the draft, the sites and art. 8 zone types it chooses from, the prohibited
 * zone the draft is in (shown before saving) and the policy findings of a saved camera. Saving goes
 * through the registry API, whose refusal ({code, article, messages}) the form shows as it is.
 */
export function useCameraForm(id: string | undefined) {
  const [draft, setDraft] = useState<CameraDraft>(EMPTY);
  const [saved, setSaved] = useState<Camera>();
  const [error, setError] = useState<unknown>();
  const sites = useAsync(() => api<Site[]>('/api/sites'), []);
  const zones = useAsync(() => api<ZoneTypeMeta[]>('/api/meta/zone-types'), []);
  const existing = useAsync(() => (id ? api<Camera>(`/api/cameras/${encodeURIComponent(id)}`) : Promise.resolve(undefined)), [id]);
  const compliance = useAsync(() => (id ? api<ComplianceReport>('/api/compliance') : Promise.resolve(undefined)), [id, saved]);

  useEffect(() => {
    const c = existing.data;
    if (c) setDraft({ ...EMPTY, ...c, sourceUrl: c.sourceUrl ?? '', zoneType: c.zoneType ?? '', publicSecurityArea: c.publicSecurityArea ?? 'OTHER' });
  }, [existing.data]);
  useEffect(() => {
    const first = sites.data?.[0];
    if (!id && first) setDraft((d) => (d.siteId ? d : { ...d, siteId: first.id }));
  }, [id, sites.data]);

  const prohibited = zones.data?.find((z) => z.id === draft.zoneType);
  const findings: Finding[] = compliance.data?.cameras.find((c) => c.cameraId === id)?.findings ?? [];

  const save = async () => {
    setError(undefined);
    const site = sites.data?.find((s) => s.id === draft.siteId);
    const common = {
      name: draft.name,
      deviceType: draft.deviceType,
      sourceUrl: draft.sourceUrl || null,
      zoneType: draft.zoneType || null,
      publicSecurityArea: draft.publicSecurityArea || null,
      necessity: draft.necessity,
      placementRationale: draft.placementRationale,
    };
    try {
      const camera = id
        ? await api<Camera>(`/api/cameras/${encodeURIComponent(id)}`, { method: 'PATCH', body: common })
        : await api<Camera>('/api/cameras', { method: 'POST', body: { ...common, siteId: draft.siteId, installedByUnitId: site?.unitId ?? null, installedAt: new Date().toISOString().slice(0, 10) } });
      setSaved(camera);
    } catch (e) {
      setError(e);
    }
  };

  const set = (key: keyof CameraDraft, value: string) => {
    setSaved(undefined);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  return { draft, set, save, saved, error, sites: sites.data ?? [], zones: zones.data ?? [], prohibited, findings, loadError: sites.error ?? zones.error ?? existing.error };
}
