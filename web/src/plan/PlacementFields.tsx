import { useTranslation } from 'react-i18next';
import type { CameraDraft } from './camera-draft.ts';
import { GRID_2, INLINE, type DraftInputs } from './form-inputs.ts';

/** Position on the site plan (metres), mounting height, heading (counter-clockwise from +x), tilt, field of view, range and PTZ pan limits. */
export function PlacementFields({ draft, inputs, siteId }: { draft: CameraDraft; inputs: DraftInputs; siteId: string }) {
  const { t } = useTranslation();
  const field = (key: Parameters<DraftInputs['number']>[0]) => (
    <label key={key}>
      {t(`camform.field.${key}`)}
      <input {...inputs.number(key)} />
    </label>
  );
  return (
    <fieldset className="stack" data-testid="placement">
      <legend>{t('camform.placement')}</legend>
      <p className="muted">
        {t('camform.placementHint')} {siteId && <a href={`#/plan/${encodeURIComponent(siteId)}`}>{t('camform.openPlan')}</a>}
      </p>
      <div style={GRID_2}>
        {field('x')}
        {field('y')}
        {field('mountHeightM')}
        {field('headingDeg')}
        {field('tiltDeg')}
        {field('hfovDeg')}
        {field('rangeM')}
      </div>
      <label style={INLINE}>
        <input {...inputs.flag('ptzEnabled')} /> {t('camform.field.ptz')}
      </label>
      {draft.ptzEnabled && (
        <div style={GRID_2}>
          {field('panMinDeg')}
          {field('panMaxDeg')}
          {field('ptzMaxRangeM')}
        </div>
      )}
    </fieldset>
  );
}
