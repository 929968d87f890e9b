import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from './camera-draft.ts';
import type { Point, ZoneConflict } from './plan-geometry.ts';
import type { PlanData } from './usePlanData.ts';

/** Every art. 8 conflict on the plan, in words, with the article. */
export function ConflictList({ cameras, conflicts }: { cameras: Camera[]; conflicts: Map<string, ZoneConflict[]> }) {
  const { t } = useTranslation();
  const rows = cameras.flatMap((c) => (conflicts.get(c.id) ?? []).map((x) => ({ camera: c.name, ...x, key: `${c.id}-${x.zoneId}-${x.kind}` })));
  return (
    <div data-testid="plan-conflicts">
      {rows.length === 0 ? (
        <p className="ok">{t('plan.clear')}</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={r.key} className={r.masked ? 'muted' : 'refusal'} data-article={r.article}>
              {t(r.masked ? 'plan.conflictMasked' : r.kind === 'inside' ? 'plan.conflictInside' : 'plan.conflictSees', { article: r.article, camera: r.camera, zone: r.zoneName })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The reason an active camera's placement change needs (art. 13), asked before the change is written. */
export function ReasonPrompt({ camera, onConfirm, onCancel }: { camera: string; onConfirm: (reason: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <div className="card refusal" data-testid="placement-reason">
      <p>{t('plan.reasonTitle', { camera })}</p>
      <label>
        {t('plan.reason')}
        <textarea name="placementReason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="button" name="confirmPlacement" disabled={reason.trim() === ''} onClick={() => onConfirm(reason.trim())}>
        {t('plan.confirm')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('plan.cancel')}
      </button>
    </div>
  );
}

/** Where a new sign hangs, in words, once its place on the plan is clicked. */
export function NewSignForm({ data, at, onDone }: { data: PlanData; at: Point; onDone: () => void }) {
  const { t } = useTranslation();
  const [location, setLocation] = useState('');
  return (
    <div className="stack card" data-testid="new-sign">
      <label>
        {t('plan.signLocation')}
        <input name="signLocation" value={location} onChange={(e) => setLocation(e.target.value)} />
      </label>
      <button type="button" name="saveSign" disabled={location.trim() === ''} onClick={() => void data.createSign({ location: location.trim(), position: at }).then((ok) => ok && onDone())}>
        {t('plan.saveSign')}
      </button>
      <button type="button" onClick={onDone}>
        {t('plan.cancel')}
      </button>
    </div>
  );
}
