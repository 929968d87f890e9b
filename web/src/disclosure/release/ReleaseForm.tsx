import { useTranslation } from 'react-i18next';
import { RangeFields } from '../../evidence/RangeFields.tsx';
import { http, ok, type BodyOf } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { go } from '../../hooks/useRoute.ts';
import { enumLabel } from '../../i18n/enum-label.ts';
import { fromLocalInput, toLocalInput, useCameras, useForm } from '../../evidence/common.ts';

type Body = BodyOf<'/api/releases'>;
const CHANNELS: Body['channel'][] = ['WEBSITE', 'PRESS', 'SOCIAL_MEDIA', 'NOTICE_BOARD', 'OTHER'];
const BASIS_TYPES: Body['basis']['type'][] = ['LAW_OR_REGULATION', 'STATE_ORGAN_NOTICE', 'CONSENT', 'PUBLIC_INTEREST', 'OTHER'];

/** Asks for a public release of one camera's recorded range (art. 22); prefilled from `?camera=&from=&to=`. */
export function ReleaseForm({ params }: { params: URLSearchParams }) {
  const { t } = useTranslation();
  const cameras = useCameras();
  const form = useForm(
    { cameraId: params.get('camera') ?? '', from: toLocalInput(params.get('from')), to: toLocalInput(params.get('to')), basisType: 'STATE_ORGAN_NOTICE', basisText: '', purpose: '', channel: 'WEBSITE', url: '' },
    async (f) => {
      const body: Body = {
        cameraId: f.cameraId || cameras.data?.[0]?.id || '',
        from: fromLocalInput(f.from) ?? '',
        to: fromLocalInput(f.to) ?? '',
        basis: { type: f.basisType as Body['basis']['type'], text: f.basisText.trim() },
        purpose: f.purpose.trim(),
        channel: f.channel as Body['channel'],
        url: f.url.trim() || null,
      };
      const created = await ok(http.POST('/api/releases', { body }));
      go(`releases/${created.id}`);
    },
  );
  return (
    <section className="card">
      <h2>{t('release.form.title')}</h2>
      <p className="muted">{t('release.form.explain')}</p>
      <form className="stack" aria-label="release-request" onSubmit={form.submit}>
        <RangeFields cameras={cameras.data} camera={form.input('cameraId')} from={form.input('from')} to={form.input('to')} required />
        <label>
          {t('release.field.basisType')}
          <select {...form.input('basisType')}>
            {BASIS_TYPES.map((b) => (
              <option key={b} value={b}>
                {enumLabel(t, 'releaseBasisType', b)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('release.field.basisText')}
          <input {...form.input('basisText')} required minLength={4} />
        </label>
        <label>
          {t('release.field.purpose')}
          <textarea {...form.input('purpose')} rows={3} required minLength={10} />
          <span className="muted">{t('release.form.purposeHint')}</span>
        </label>
        <label>
          {t('release.field.channel')}
          <select {...form.input('channel')}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {enumLabel(t, 'releaseChannel', c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('release.field.url')}
          <input type="url" {...form.input('url')} placeholder="https://" />
        </label>
        <div className="controls">
          <button type="submit" disabled={form.busy}>
            {t('release.form.submit')}
          </button>
          <a href="#/releases">{t('release.form.cancel')}</a>
        </div>
      </form>
      <ErrorText error={form.error} />
    </section>
  );
}
