import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';
import { useCameraForm } from '../hooks/useCameraForm.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { pick } from '../i18n/index.ts';
import { ActivatePanel } from '../plan/ActivatePanel.tsx';
import { fieldLabel, Findings } from '../plan/Findings.tsx';
import { draftInputs, GRID_2, INLINE } from '../plan/form-inputs.ts';
import { PlacementFields } from '../plan/PlacementFields.tsx';

const DEVICE_TYPES = ['FIXED', 'DOME', 'PTZ', 'PANORAMIC', 'FACE_CAPTURE', 'ANPR', 'THERMAL', 'OTHER'];
const AREAS = ['ENTRANCE', 'EXIT', 'CASH_DESK', 'CORRIDOR', 'PLATFORM', 'PARKING_LANE', 'ROAD', 'SQUARE', 'PERIMETER', 'LOBBY', 'STAIRWELL', 'ELEVATOR', 'VEHICLE_INTERIOR', 'OTHER'];
const PROXIMITIES = ['MILITARY_RESTRICTED_ZONE', 'MILITARY_MANAGEMENT_ZONE', 'CONFIDENTIAL_UNIT_VICINITY'];

/**
 * Create or edit a camera with every registry field; an art. 8 zone shows its block as soon as it is
 * chosen, the server's refusal on save, and activation with the findings that block it.
 */
export function CameraForm({ id }: { id: string | undefined }) {
  const { t, i18n } = useTranslation();
  const form = useCameraForm(id);
  const { draft, camera } = form;
  const inputs = draftInputs(draft, form.set);
  const options = (group: string, values: string[], empty?: string) => (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {enumLabel(t, group, v)}
        </option>
      ))}
    </>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.save();
  };
  return (
    <section className="card">
      <h2>{id ? `${t('app.edit')}: ${camera?.name ?? ''}` : t('cameras.add')}</h2>
      {camera && (
        <p>
          {t('cameras.status')}: <strong data-testid="camera-status">{enumLabel(t, 'cameraStatus', camera.status)}</strong>
        </p>
      )}
      <ErrorText error={form.loadError} />
      <form className="stack" onSubmit={submit} aria-label="camera">
        <label>
          {t('cameras.site')}
          <select {...inputs.text('siteId')} disabled={Boolean(id)}>
            {form.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cameras.name')}
          <input {...inputs.text('name')} required />
        </label>
        <label>
          {t('cameras.deviceType')}
          <select {...inputs.text('deviceType')}>{options('deviceType', DEVICE_TYPES)}</select>
        </label>
        <label>
          {t('cameras.sourceUrl')}
          <input {...inputs.text('sourceUrl')} placeholder="rtsp://" />
        </label>
        <PlacementFields draft={draft} inputs={inputs} siteId={draft.siteId} />
        <label>
          {t('cameras.zoneType')}
          <select {...inputs.text('zoneType')}>
            <option value="">{t('cameras.zoneNone')}</option>
            {form.zones.map((z) => (
              <option key={z.id} value={z.id}>
                {pick(z.label, i18n.language)}
              </option>
            ))}
          </select>
        </label>
        {form.prohibited && (
          <p className="refusal" data-testid="zone-block">
            {t('cameras.blockedLive', { article: i18n.language === 'en' ? form.prohibited.article : form.prohibited.articleZh, place: pick(form.prohibited.label, i18n.language) })}
          </p>
        )}
        <label>
          {t('cameras.area')}
          <select {...inputs.text('publicSecurityArea')}>{options('publicSecurityArea', AREAS, t('camform.notSet'))}</select>
        </label>
        <label>
          {t('cameras.necessity')}
          <textarea {...inputs.text('necessity')} rows={2} />
        </label>
        <label>
          {t('cameras.rationale')}
          <textarea {...inputs.text('placementRationale')} rows={2} />
        </label>
        <div style={GRID_2}>
          <label>
            {fieldLabel(t, 'installedByUnitId')}
            <select {...inputs.text('installedByUnitId')}>
              <option value="">{t('camform.notSet')}</option>
              {form.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {fieldLabel(t, 'installedAt')}
            <input {...inputs.text('installedAt')} type="date" />
          </label>
          <label>
            {fieldLabel(t, 'confidentialProximity')}
            <select {...inputs.text('confidentialProximity')}>{options('confidentialProximity', PROXIMITIES, t('camform.proximityNone'))}</select>
          </label>
          <label>
            {fieldLabel(t, 'retentionDays')}
            <input {...inputs.number('retentionDays', '1')} placeholder={form.site ? String(form.site.storagePeriodDays) : ''} />
          </label>
        </div>
        <label style={INLINE}>
          <input {...inputs.flag('audioEnabled')} /> {fieldLabel(t, 'audioEnabled')}
        </label>
        {draft.audioEnabled && (
          <>
            <label>
              {fieldLabel(t, 'audioJustification')}
              <textarea {...inputs.text('audioJustification')} rows={2} />
            </label>
            <label>
              {fieldLabel(t, 'audioPickupRadiusM')}
              <input {...inputs.number('audioPickupRadiusM', '0.5')} placeholder="5" min={0.5} max={50} />
            </label>
          </>
        )}
        {form.site?.placeCategory === 'A33_NON_PUBLIC' && (
          <label>
            {fieldLabel(t, 'privacyAttestation')}
            <textarea {...inputs.text('privacyAttestation')} rows={2} />
          </label>
        )}
        {form.needsReason && (
          <label className="refusal">
            {t('camform.changeReason', { fields: form.placementChanges.map((f) => fieldLabel(t, f)).join(i18n.language === 'en' ? ', ' : '、') })}
            <textarea name="changeReason" rows={2} required value={form.changeReason} onChange={(e) => form.setChangeReason(e.target.value)} />
          </label>
        )}
        <ErrorText error={form.error} />
        <button type="submit" disabled={form.busy}>
          {t('app.save')}
        </button>
      </form>
      {camera && camera.status !== 'ACTIVE' && <ActivatePanel onActivate={(r) => void form.activate(r)} error={form.activateError} blockers={form.blockers} busy={form.busy} />}
      {form.findings.length > 0 && (
        <>
          <h3>{t('cameras.findings')}</h3>
          <Findings findings={form.findings} testId="camera-findings" />
        </>
      )}
    </section>
  );
}
