import { useTranslation } from 'react-i18next';
import { RangeFields } from './RangeFields.tsx';
import { http, ok, type BodyOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { REASON_CATEGORIES } from '../components/ReasonDialog.tsx';
import { go } from '../hooks/useRoute.ts';
import { fromLocalInput, toLocalInput, useCameras, useForm } from './common.ts';

// REG-23-1: every export names its basis (23(1)); an art. 21 request never exports.
const BASIS_TYPES = ['INCIDENT', 'REQUEST', 'HOLD', 'STATE_ORGAN_REQUEST'] as const;
type Body = BodyOf<'/api/export-requests'>;

/**
 * Asks for an export of one camera's range, with the reason (art. 16); someone else decides it.
 * Prefilled from `#/exports/new?camera=<id>&from=<iso>&to=<iso>` (the playback timeline links here).
 */
export function ExportRequestForm({ params }: { params: URLSearchParams }) {
  const { t } = useTranslation();
  const cameras = useCameras();
  const form = useForm(
    { cameraId: params.get('camera') ?? '', from: toLocalInput(params.get('from')), to: toLocalInput(params.get('to')), category: 'INCIDENT_INVESTIGATION', text: '', basisType: '', basisRef: '' },
    async (f) => {
      const body: Body = {
        cameraIds: [f.cameraId || cameras.data?.[0]?.id || ''],
        from: fromLocalInput(f.from) ?? '',
        to: fromLocalInput(f.to) ?? '',
        reason: { category: f.category, text: f.text.trim() },
        ...(f.basisType && f.basisRef ? { basis: { type: f.basisType as (typeof BASIS_TYPES)[number], ref: f.basisRef.trim() } } : {}),
      };
      await ok(http.POST('/api/export-requests', { body }));
      go('exports?created=1');
    },
  );
  return (
    <section className="card">
      <h2>{t('evidence.request.title')}</h2>
      <p className="muted">{t('evidence.request.explain')}</p>
      <form className="stack" aria-label="export-request" onSubmit={form.submit}>
        <RangeFields cameras={cameras.data} camera={form.input('cameraId')} from={form.input('from')} to={form.input('to')} required />
        <label>
          {t('reason.category')}
          <select {...form.input('category')}>
            {REASON_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`reason.categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reason.text')}
          <textarea {...form.input('text')} rows={3} required minLength={10} />
          <span className="muted">{t('reason.textHint')}</span>
        </label>
        <fieldset>
          <legend>{t('evidence.request.basis')}</legend>
          <select {...form.input('basisType')} required>
            <option value="">{t('app.none')}</option>
            {BASIS_TYPES.map((b) => (
              <option key={b} value={b}>
                {t(`evidence.request.basisTypes.${b}`)}
              </option>
            ))}
          </select>{' '}
          <input {...form.input('basisRef')} placeholder={t('evidence.request.basisRef')} required />
        </fieldset>
        <div className="controls">
          <button type="submit" disabled={form.busy}>
            {t('evidence.request.submit')}
          </button>
          <a href="#/exports">{t('app.cancel')}</a>
        </div>
      </form>
      <ErrorText error={form.error ?? cameras.error} />
    </section>
  );
}
