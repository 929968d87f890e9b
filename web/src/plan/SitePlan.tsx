import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import type { ZoneTypeMeta } from '../api/types.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { PLACEMENT_FIELDS, type Camera, type CameraPatch } from './camera-draft.ts';
import { FloorPlanPanel } from './FloorPlanPanel.tsx';
import { PlanCanvas } from './PlanCanvas.tsx';
import { ConflictList, NewSignForm, ReasonPrompt } from './PlanSide.tsx';
import { boundsOf, conflictsOf, type Point } from './plan-geometry.ts';
import { usePlanData } from './usePlanData.ts';
import { NewZoneForm, ZoneEdges } from './ZonePanel.tsx';

type Mode = 'select' | 'zone' | 'sign' | 'calibrate' | { place: string };
type Preview = Partial<Pick<Camera, 'position' | 'headingDeg' | 'rangeM' | 'hfovDeg'>>;
const MODES = ['select', 'zone', 'sign', 'calibrate'] as const;
const BLANK = { minX: 0, minY: 0, maxX: 30, maxY: 20 };

/**
 * The site plan: the floor plan (or a blank metric grid), prohibited zones with glass sides and doors,
 * signs, and cameras with their coverage, red where it reaches into a zone, with the article. Moving
 * or aiming a camera writes the same registry fields as the camera form.
 */
export function SitePlan({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const data = usePlanData(siteId);
  const zoneTypes = useAsync(async () => (await ok(http.GET('/api/meta/zone-types'))) as unknown as ZoneTypeMeta[], []);
  const [mode, setMode] = useState<Mode>('select');
  const [draft, setDraft] = useState<Point[]>([]);
  const [finishing, setFinishing] = useState(false);
  const [signAt, setSignAt] = useState<Point | null>(null);
  const [selectedZone, setSelectedZone] = useState<string | null>(null);
  const [preview, setPreview] = useState<Record<string, Preview>>({});
  const [pending, setPending] = useState<{ camera: Camera; patch: CameraPatch } | null>(null);

  const cameras = useMemo(() => data.cameras.map((c) => ({ ...c, ...preview[c.id] })), [data.cameras, preview]);
  const conflicts = useMemo(() => new Map(cameras.map((c) => [c.id, conflictsOf(c, data.zones)])), [cameras, data.zones]);
  const bounds = useMemo(() => {
    const fp = data.floorPlan;
    const image = fp ? [{ x: fp.originX, y: fp.originY }, { x: fp.originX + fp.widthPx * fp.metresPerPixel, y: fp.originY - fp.heightPx * fp.metresPerPixel }] : [];
    const points = [...image, ...data.zones.flatMap((z) => z.polygon), ...data.cameras.flatMap((c) => (c.position ? [c.position] : [])), ...data.signs.flatMap((s) => (s.position ? [s.position] : []))];
    const [topLeft, bottomRight] = image;
    return boundsOf(points, topLeft && bottomRight ? { minX: topLeft.x, minY: bottomRight.y, maxX: bottomRight.x, maxY: topLeft.y } : BLANK, 1);
  }, [data.floorPlan, data.zones, data.cameras, data.signs]);

  /** Writes the change; a refused one stays drawn (red where it looks into a zone) beside the refusal, to be corrected. */
  const write = async (camera: Camera, patch: CameraPatch, reason?: string) => {
    setPending(null);
    if (await data.patchCamera(camera.id, { ...patch, ...(reason ? { changeReason: reason } : {}) })) setPreview((p) => ({ ...p, [camera.id]: {} }));
  };
  /** A placement change: an active camera asks for the reason first (art. 13). */
  const commit = (camera: Camera, patch: CameraPatch) => {
    const original = data.cameras.find((c) => c.id === camera.id)!;
    const changed = PLACEMENT_FIELDS.some((f) => f in patch && JSON.stringify(patch[f]) !== JSON.stringify(original[f]));
    if (!changed) return setPreview((p) => ({ ...p, [camera.id]: {} }));
    if (original.status === 'ACTIVE') setPending({ camera: original, patch });
    else void write(original, patch);
  };
  const onPoint = (p: Point) => {
    if (mode === 'zone' && !finishing) setDraft((d) => [...d, p]);
    else if (mode === 'calibrate') setDraft((d) => (d.length >= 2 ? [p] : [...d, p]));
    else if (mode === 'sign') setSignAt(p);
    else if (typeof mode === 'object') {
      const camera = data.cameras.find((c) => c.id === mode.place);
      if (camera) {
        const patch = { position: p, headingDeg: camera.headingDeg ?? 0, hfovDeg: camera.hfovDeg ?? 90, rangeM: camera.rangeM ?? 10 };
        setPreview((prev) => ({ ...prev, [camera.id]: patch }));
        commit(camera, patch);
      }
      setMode('select');
    } else setSelectedZone(null);
  };
  const choose = (next: Mode) => {
    setMode(next);
    setDraft([]);
    setFinishing(false);
    setSignAt(null);
  };
  const zone = data.zones.find((z) => z.id === selectedZone);
  const unplaced = data.cameras.filter((c) => !c.position);
  const placing = typeof mode === 'object' ? data.cameras.find((c) => c.id === mode.place) : undefined;

  return (
    <section className="card">
      <h2>{t('plan.title', { site: data.site?.name ?? siteId })}</h2>
      <ErrorText error={data.loadError} />
      <div style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap', alignItems: 'center' }} role="toolbar" aria-label={t('plan.mode')}>
        {MODES.map((m) => (
          <button key={m} type="button" name={`mode-${m}`} aria-pressed={mode === m} onClick={() => choose(m)} disabled={m === 'calibrate' && !data.floorPlan}>
            {t(`plan.modes.${m}`)}
          </button>
        ))}
        {mode === 'zone' && !finishing && (
          <>
            <span className="muted">{t('plan.zoneHint')}</span>
            <button type="button" name="finishZone" disabled={draft.length < 3} onClick={() => setFinishing(true)}>
              {t('plan.finishZone')}
            </button>
          </>
        )}
        {mode === 'sign' && <span className="muted">{t('plan.signHint')}</span>}
        {mode === 'calibrate' && <span className="muted">{t('plan.calibrateHint')}</span>}
        {placing && <span className="muted">{t('plan.placeHint', { camera: placing.name })}</span>}
        {mode === 'select' && <span className="muted">{t('plan.dragHint')}</span>}
      </div>
      <ErrorText error={data.error} />
      {pending && <ReasonPrompt camera={pending.camera.name} onConfirm={(r) => void write(pending.camera, pending.patch, r)} onCancel={() => (setPreview((p) => ({ ...p, [pending.camera.id]: {} })), setPending(null))} />}
      {finishing && (
        <NewZoneForm
          data={data}
          corners={draft}
          zoneTypes={zoneTypes.data ?? []}
          onDone={() => {
            setFinishing(false);
            setDraft([]);
            setMode('select');
          }}
        />
      )}
      {signAt && <NewSignForm data={data} at={signAt} onDone={() => setSignAt(null)} />}
      <PlanCanvas
        bounds={bounds}
        floorPlan={data.floorPlan}
        zones={data.zones}
        signs={data.signs}
        cameras={cameras}
        conflicts={conflicts}
        selectedZoneId={selectedZone}
        draft={mode === 'zone' || mode === 'calibrate' ? draft : []}
        draggable={mode === 'select' && !pending}
        articleLabel={(article) => t('cameras.article', { article })}
        onPoint={onPoint}
        onZone={(id) => (mode === 'select' ? setSelectedZone(id) : undefined)}
        onPreview={(id, patch) => setPreview((p) => ({ ...p, [id]: { ...p[id], ...patch } }))}
        onDrop={(id) => {
          const camera = cameras.find((c) => c.id === id);
          const moved = preview[id];
          if (camera && moved && Object.keys(moved).length > 0) commit(camera, moved);
        }}
      />
      <ConflictList cameras={cameras} conflicts={conflicts} />
      {zone && <ZoneEdges data={data} zone={zone} />}
      {unplaced.length > 0 && (
        <div className="card">
          <h4>{t('plan.unplaced')}</h4>
          <ul>
            {unplaced.map((c) => (
              <li key={c.id}>
                {c.name}{' '}
                <button type="button" name={`place-${c.id}`} onClick={() => choose({ place: c.id })}>
                  {t('plan.place')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="card">
        <h4>{t('plan.cameras')}</h4>
        <ul>
          {data.cameras.map((c) => (
            <li key={c.id}>
              <a href={`#/cameras/${encodeURIComponent(c.id)}`}>{c.name}</a>
            </li>
          ))}
        </ul>
      </div>
      <FloorPlanPanel data={data} scalePoints={mode === 'calibrate' ? draft : []} onCalibrated={() => choose('select')} />
    </section>
  );
}
