import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scaleFromTwoPoints, type Point } from './plan-geometry.ts';
import type { PlanData } from './usePlanData.ts';

/** Upload or replace the floor plan with its scale; or set the scale from two points picked on it and their real distance. */
export function FloorPlanPanel({ data, scalePoints, onCalibrated }: { data: PlanData; scalePoints: Point[]; onCalibrated: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [mpp, setMpp] = useState('0.05');
  const [originX, setOriginX] = useState('0');
  const [originY, setOriginY] = useState('');
  const [distance, setDistance] = useState('');
  const [done, setDone] = useState(false);
  const plan = data.floorPlan;
  const upload = async () => {
    if (!file) return;
    setDone(false);
    // By default the image's bottom-left corner sits at (0, 0): its top edge is at its height in metres.
    const size = await new Promise<{ h: number }>((resolve) => {
      const image = new Image();
      image.onload = () => resolve({ h: image.naturalHeight });
      image.onerror = () => resolve({ h: 0 });
      image.src = URL.createObjectURL(file);
    });
    const metresPerPixel = Number(mpp);
    const top = originY.trim() === '' ? Math.round(size.h * metresPerPixel * 100) / 100 : Number(originY);
    if (await data.uploadImage(file, { metresPerPixel, originX: Number(originX) || 0, originY: top })) setDone(true);
  };
  const [a, b] = scalePoints;
  const apply = async () => {
    if (!plan || !a || !b) return;
    if (await data.setScale({ metresPerPixel: scaleFromTwoPoints(a, b, plan.metresPerPixel, Number(distance)) })) onCalibrated();
  };
  return (
    <details className="card" open={!plan} data-testid="floor-plan-panel">
      <summary>{t('plan.floorPlan')}</summary>
      {!plan && <p className="muted">{t('plan.noFloorPlan')}</p>}
      <div className="stack">
        <label>
          {t('plan.image')}
          <input type="file" name="floorPlanFile" accept="image/png,image/jpeg,image/webp" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          {t('plan.metresPerPixel')}
          <input type="number" name="metresPerPixel" step="any" min="0" value={mpp} onChange={(e) => setMpp(e.target.value)} />
        </label>
        <label>
          {t('plan.originX')}
          <input type="number" name="originX" step="any" value={originX} onChange={(e) => setOriginX(e.target.value)} />
        </label>
        <label>
          {t('plan.originY')}
          <input type="number" name="originY" step="any" value={originY} onChange={(e) => setOriginY(e.target.value)} />
        </label>
        <button type="button" name="uploadFloorPlan" disabled={!file} onClick={() => void upload()}>
          {t('plan.upload')}
        </button>
        {done && <p className="ok">{t('plan.uploaded')}</p>}
        {plan && (
          <>
            <h4>{t('plan.calibrate')}</h4>
            <p className="muted">{t('plan.calibrateHint')}</p>
            <label>
              {t('plan.distance')}
              <input type="number" name="scaleDistance" step="any" min="0" value={distance} onChange={(e) => setDistance(e.target.value)} />
            </label>
            <button type="button" name="applyScale" disabled={!a || !b || !(Number(distance) > 0)} onClick={() => void apply()}>
              {t('plan.applyScale')}
            </button>
          </>
        )}
      </div>
    </details>
  );
}
