import { useEffect, useState } from 'react';
import { http, ok, type ResponseOf } from '../api/http.ts';
import type { ZoneTypeMeta } from '../api/types.ts';
import { go } from './useRoute.ts';
import { useAsync } from './useAsync.ts';
import { changedPlacement, createOf, draftOf, EMPTY_DRAFT, patchOf, placementOf, type Camera, type CameraDraft } from '../plan/camera-draft.ts';
import { refusalFindings, type PolicyFinding } from '../plan/Findings.tsx';

type Site = ResponseOf<'/api/sites/{id}'>;
type Unit = ResponseOf<'/api/units/{id}'>;
interface CameraFindings {
  cameras: { cameraId: string; findings: PolicyFinding[] }[];
}

/**
 * The camera form's state: the draft with every registry field, the sites, units and art. 8 zone
 * types it chooses from, the policy findings of a saved camera, saving (a new camera opens its own
 * record, so a second click changes it instead of adding another) and activation, with the reason a
 * placement change of an active camera needs (art. 13) and the signage override (REG-13-5).
 */
export function useCameraForm(id: string | undefined) {
  const [draft, setDraft] = useState<CameraDraft>(EMPTY_DRAFT);
  const [saved, setSaved] = useState<Camera>();
  const [error, setError] = useState<unknown>();
  const [activateError, setActivateError] = useState<unknown>();
  const [changeReason, setChangeReason] = useState('');
  const [busy, setBusy] = useState(false);
  const sites = useAsync(() => ok(http.GET('/api/sites')), []);
  const units = useAsync(() => ok(http.GET('/api/units')), []);
  const zones = useAsync(async () => (await ok(http.GET('/api/meta/zone-types'))) as unknown as ZoneTypeMeta[], []);
  const existing = useAsync(() => (id ? ok(http.GET('/api/cameras/{id}', { params: { path: { id } } })) : Promise.resolve(undefined)), [id]);
  const camera = saved ?? existing.data;
  const compliance = useAsync(async () => (id ? ((await ok(http.GET('/api/compliance'))) as unknown as CameraFindings) : undefined), [id, camera]);

  useEffect(() => {
    if (existing.data) setDraft(draftOf(existing.data));
  }, [existing.data]);
  useEffect(() => {
    const first = sites.data?.[0];
    if (!id && first) setDraft((d) => (d.siteId ? d : { ...d, siteId: first.id, installedByUnitId: d.installedByUnitId || first.unitId }));
  }, [id, sites.data]);

  const prohibited = zones.data?.find((z) => z.id === draft.zoneType);
  const findings: PolicyFinding[] = compliance.data?.cameras.find((c) => c.cameraId === id)?.findings ?? [];
  /** The placement fields an active camera would change: these need a reason. */
  const placementChanges = camera && camera.status === 'ACTIVE' ? changedPlacement(camera, placementOf(draft, camera)) : [];
  const needsReason = placementChanges.length > 0;

  const save = async (): Promise<void> => {
    setError(undefined);
    setBusy(true);
    try {
      if (id && camera) {
        const body = { ...patchOf(draft, camera), ...(needsReason ? { changeReason: changeReason.trim() } : {}) };
        const next = await ok(http.PATCH('/api/cameras/{id}', { params: { path: { id } }, body }));
        setSaved(next);
        setDraft(draftOf(next));
        setChangeReason('');
      } else {
        const created = await ok(http.POST('/api/cameras', { body: createOf(draft) }));
        go(`cameras/${encodeURIComponent(created.id)}`);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const activate = async (overrideReason: string | null): Promise<void> => {
    if (!id) return;
    setActivateError(undefined);
    setBusy(true);
    try {
      const body = overrideReason ? { signageOverride: { reason: overrideReason } } : {};
      setSaved(await ok(http.POST('/api/cameras/{id}/activate', { params: { path: { id } }, body })));
    } catch (e) {
      setActivateError(e);
    } finally {
      setBusy(false);
    }
  };

  const set = <K extends keyof CameraDraft>(key: K, value: CameraDraft[K]) =>
    setDraft((d) => {
      // A new camera is installed by its site's unit unless the form says otherwise (art. 7.3).
      const unitOf = (siteId: unknown) => sites.data?.find((s) => s.id === siteId)?.unitId ?? '';
      const installer = key === 'siteId' && !id && (d.installedByUnitId === '' || d.installedByUnitId === unitOf(d.siteId)) ? { installedByUnitId: unitOf(value) } : {};
      return { ...d, [key]: value, ...installer };
    });
  const site: Site | undefined = sites.data?.find((s) => s.id === draft.siteId);
  return {
    draft,
    set,
    save,
    activate,
    busy,
    camera,
    site,
    error,
    activateError,
    blockers: refusalFindings(activateError),
    changeReason,
    setChangeReason,
    needsReason,
    placementChanges,
    sites: sites.data ?? [],
    units: (units.data ?? []) as Unit[],
    zones: zones.data ?? [],
    prohibited,
    findings,
    loadError: sites.error ?? zones.error ?? existing.error,
  };
}
