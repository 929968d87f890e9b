import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';
import { useCameraForm, type CameraDraft } from '../hooks/useCameraForm.ts';
import { pick } from '../i18n/index.ts';

const DEVICE_TYPES = ['FIXED', 'DOME', 'PTZ', 'PANORAMIC', 'FACE_CAPTURE', 'ANPR', 'THERMAL', 'OTHER'];
const AREAS = ['ENTRANCE', 'EXIT', 'CASH_DESK', 'CORRIDOR', 'PLATFORM', 'PARKING_LANE', 'ROAD', 'SQUARE', 'PERIMETER', 'LOBBY', 'STAIRWELL', 'ELEVATOR', 'VEHICLE_INTERIOR', 'OTHER'];

/** Create or edit a camera; an art. 8 zone shows its block as soon as it is chosen, and the server's refusal on save. */
export function CameraForm({ id }: { id: string | undefined }) {
  const { t, i18n } = useTranslation();
  const form = useCameraForm(id);
  const { draft } = form;
  const input = (key: keyof CameraDraft) => ({ name: key, value: draft[key], onChange: (e: { target: { value: string } }) => form.set(key, e.target.value) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.save();
  };
  return (
    <section className="card">
      <h2>{id ? `${t('app.edit')}: ${draft.name}` : t('cameras.add')}</h2>
      <ErrorText error={form.loadError} />
      <form className="stack" onSubmit={submit} aria-label="camera">
        {!id && (
          <label>
            {t('cameras.site')}
            <select {...input('siteId')}>
              {form.sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('cameras.name')}
          <input {...input('name')} required />
        </label>
        <label>
          {t('cameras.deviceType')}
          <select {...input('deviceType')}>{DEVICE_TYPES.map((d) => <option key={d}>{d}</option>)}</select>
        </label>
        <label>
          {t('cameras.zoneType')}
          <select {...input('zoneType')}>
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
          <select {...input('publicSecurityArea')}>{AREAS.map((a) => <option key={a}>{a}</option>)}</select>
        </label>
        <label>
          {t('cameras.sourceUrl')}
          <input {...input('sourceUrl')} placeholder="rtsp://" />
        </label>
        <label>
          {t('cameras.necessity')}
          <textarea {...input('necessity')} rows={2} />
        </label>
        <label>
          {t('cameras.rationale')}
          <textarea {...input('placementRationale')} rows={2} />
        </label>
        <ErrorText error={form.error} />
        {form.saved && <p className="ok">{t('cameras.saved')}</p>}
        <button type="submit">{t('app.save')}</button>
      </form>
      {form.findings.length > 0 && (
        <>
          <h3>{t('cameras.findings')}</h3>
          <ul>
            {form.findings.map((f, i) => (
              <li key={i}>
                <span className={`badge ${f.severity}`}>{t(`severity.${f.severity}`)}</span> {f.article && t('cameras.article', { article: f.article })} {pick(f.message, i18n.language)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
