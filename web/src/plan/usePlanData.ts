import { useEffect, useState } from 'react';
import { ApiError, csrfHeader } from '../api/client.ts';
import { http, ok, type BodyOf, type ResponseOf } from '../api/http.ts';
import { useAsync } from '../hooks/useAsync.ts';
import type { Camera, CameraPatch } from './camera-draft.ts';

export type Site = ResponseOf<'/api/sites/{id}'>;
export type Zone = ResponseOf<'/api/zones/{id}'>;
export type Sign = ResponseOf<'/api/signs/{id}'>;
export type FloorPlan = ResponseOf<'/api/sites/{id}/floor-plan'>;
export type ZonePatch = BodyOf<'/api/zones/{id}', 'patch'>;

/** The floor plan with the image's size in pixels (read from the image itself), or null when the site has none. */
export interface PlacedFloorPlan extends FloorPlan {
  url: string;
  widthPx: number;
  heightPx: number;
}

function imageSize(url: string): Promise<{ widthPx: number; heightPx: number }> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve({ widthPx: image.naturalWidth, heightPx: image.naturalHeight });
    image.onerror = () => reject(new Error(url));
    image.src = url;
  });
}

async function loadFloorPlan(siteId: string): Promise<PlacedFloorPlan | null> {
  try {
    const plan = await ok(http.GET('/api/sites/{id}/floor-plan', { params: { path: { id: siteId } } }));
    const url = `/api/sites/${encodeURIComponent(siteId)}/floor-plan/image?v=${plan.sha256}`;
    return { ...plan, url, ...(await imageSize(url)) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'E_FLOOR_PLAN_NONE') return null;
    throw error;
  }
}

/** Everything the site plan shows, and the writes it makes: all through the registry API. */
export function usePlanData(siteId: string) {
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  const site = useAsync(() => ok(http.GET('/api/sites/{id}', { params: { path: { id: siteId } } })), [siteId]);
  const floorPlan = useAsync(() => loadFloorPlan(siteId), [siteId, tick]);
  const zones = useAsync(() => ok(http.GET('/api/zones', { params: { query: { siteId, active: 'true' } } })), [siteId, tick]);
  const cameras = useAsync(() => ok(http.GET('/api/cameras', { params: { query: { siteId } } })), [siteId, tick]);
  const signs = useAsync(() => ok(http.GET('/api/signs', { params: { query: { siteId, active: 'true' } } })), [siteId, tick]);
  const [cameraList, setCameraList] = useState<Camera[]>([]);
  useEffect(() => setCameraList((cameras.data ?? []).filter((c) => c.status !== 'DEACTIVATED')), [cameras.data]);

  /** Runs a write; its refusal is shown, and the plan reloads after success. Resolves to whether it succeeded. */
  const write = async (action: () => Promise<unknown>): Promise<boolean> => {
    setError(undefined);
    try {
      await action();
      setTick((n) => n + 1);
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };

  return {
    site: site.data,
    floorPlan: floorPlan.data ?? null,
    zones: zones.data ?? [],
    cameras: cameraList,
    signs: signs.data ?? [],
    error,
    loadError: site.error ?? floorPlan.error ?? zones.error ?? cameras.error ?? signs.error,
    patchCamera: (id: string, body: CameraPatch & { changeReason?: string }) => write(() => ok(http.PATCH('/api/cameras/{id}', { params: { path: { id } }, body }))),
    createZone: (body: Omit<BodyOf<'/api/zones'>, 'siteId'>) => write(() => ok(http.POST('/api/zones', { body: { ...body, siteId } }))),
    patchZone: (id: string, body: ZonePatch) => write(() => ok(http.PATCH('/api/zones/{id}', { params: { path: { id } }, body }))),
    createSign: (body: Omit<BodyOf<'/api/signs'>, 'siteId'>) => write(() => ok(http.POST('/api/signs', { body: { ...body, siteId } }))),
    setScale: (body: BodyOf<'/api/sites/{id}/floor-plan', 'patch'>) => write(() => ok(http.PATCH('/api/sites/{id}/floor-plan', { params: { path: { id: siteId } }, body }))),
    /** The image's raw bytes (a binary upload: outside the typed client). */
    uploadImage: (file: Blob, placement: { metresPerPixel: number; originX: number; originY: number }) =>
      write(async () => {
        const query = new URLSearchParams({ metresPerPixel: String(placement.metresPerPixel), originX: String(placement.originX), originY: String(placement.originY) });
        const response = await fetch(`/api/sites/${encodeURIComponent(siteId)}/floor-plan?${query.toString()}`, {
          method: 'PUT',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/octet-stream', ...csrfHeader('PUT') },
          body: file,
        });
        if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => ({}))) as object);
      }),
  };
}
export type PlanData = ReturnType<typeof usePlanData>;
