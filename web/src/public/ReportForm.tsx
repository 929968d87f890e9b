/**
 * The art. 24 report form on the sign's public page (#/s/CODE): phone first, in the reader's language.
 * Sends to POST /api/public/signs/{code}/reports and shows the reference number to keep; a reference
 * can be checked below (status and dates only).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { fromLocalInput } from '../evidence/common.ts';
import { FORM_STYLE } from '../public-reports/form-style.ts';
import { photoBase64 } from '../public-reports/photo-base64.ts';
import { ReportStatusCheck } from '../public-reports/ReportStatusCheck.tsx';

const TYPES = ['ART8_1', 'ART7_3', 'ART9_1', 'OTHER'] as const;

type ViolationType = (typeof TYPES)[number];

export function ReportForm({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const [type, setType] = useState<ViolationType>('ART8_1');
  const [fields, setFields] = useState({ location: '', cameraDescription: '', seenAt: '', description: '', name: '', phone: '', email: '' });
  const [anonymous, setAnonymous] = useState(true);
  const [share, setShare] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [reference, setReference] = useState<string>();
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const photos = await Promise.all(files.map(async (f) => ({ contentBase64: await photoBase64(f) })));
      const seenAt = fromLocalInput(fields.seenAt);
      const contact = anonymous ? undefined : { name: fields.name || undefined, phone: fields.phone || undefined, email: fields.email || undefined, shareWithPolice: share };
      const receipt = await ok(
        http.POST('/api/public/signs/{code}/reports', {
          params: { path: { code } },
          body: {
            violationType: type,
            location: fields.location,
            description: fields.description,
            language: i18n.language === 'en' ? 'en' : 'zh',
            photos,
            ...(fields.cameraDescription ? { cameraDescription: fields.cameraDescription } : {}),
            ...(seenAt ? { seenAt } : {}),
            ...(contact ? { contact } : {}),
          },
        }),
      );
      setReference(receipt.reference);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (reference) {
    return (
      <section className="public-report" data-testid="report-sent" style={FORM_STYLE.section}>
        <h2>{t('publicReport.title')}</h2>
        <p>{t('publicReport.sent')}</p>
        <p className="public-report-reference">
          <strong data-testid="report-reference" style={FORM_STYLE.reference}>{reference}</strong>{' '}
          <button type="button" onClick={() => void navigator.clipboard?.writeText(reference)}>
            {t('publicReport.copy')}
          </button>
        </p>
        <p className="muted">{t('publicReport.sentHint')}</p>
        <button type="button" onClick={() => setReference(undefined)}>
          {t('publicReport.another')}
        </button>
        <ReportStatusCheck initial={reference} />
      </section>
    );
  }

  return (
    <section className="public-report" data-testid="report-form" style={FORM_STYLE.section}>
      <h2>{t('publicReport.title')}</h2>
      <p className="muted">{t('publicReport.intro')}</p>
      <form onSubmit={(e) => void submit(e)} className="public-report-form" style={FORM_STYLE.form}>
        <fieldset style={FORM_STYLE.fieldset}>
          <legend>{t('publicReport.type')}</legend>
          {TYPES.map((value) => (
            <label key={value} className="public-report-choice" style={FORM_STYLE.choice}>
              <input type="radio" name="violationType" value={value} checked={type === value} onChange={() => setType(value)} style={FORM_STYLE.tick} /> <span>{t(`publicReport.types.${value}`)}</span>
            </label>
          ))}
        </fieldset>
        <label>
          {t('publicReport.where')}
          <input name="location" style={FORM_STYLE.field} required maxLength={500} value={fields.location} placeholder={t('publicReport.wherePlaceholder')} onChange={set('location')} />
        </label>
        <label>
          {t('publicReport.device')}
          <input name="cameraDescription" style={FORM_STYLE.field} maxLength={500} value={fields.cameraDescription} onChange={set('cameraDescription')} />
        </label>
        <label>
          {t('publicReport.seen')}
          <input name="seenAt" style={FORM_STYLE.field} type="datetime-local" value={fields.seenAt} onChange={set('seenAt')} />
        </label>
        <label>
          {t('publicReport.description')}
          <textarea name="description" style={FORM_STYLE.field} required maxLength={4000} rows={4} value={fields.description} onChange={set('description')} />
        </label>
        <label>
          {t('publicReport.photos')}
          <input
            name="photos"
            style={FORM_STYLE.field}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/*"
            multiple
            onChange={(e) => {
              const chosen = Array.from(e.target.files ?? []);
              if (chosen.length > 3) setError(new Error(t('publicReport.photosTooMany')));
              setFiles(chosen.slice(0, 3));
            }}
          />
          <small className="muted">{t('publicReport.photosHint')}</small>
        </label>
        <label className="public-report-choice" style={FORM_STYLE.choice}>
          <input type="checkbox" name="anonymous" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} style={FORM_STYLE.tick} /> <span>{t('publicReport.anonymous')}</span>
        </label>
        {!anonymous && (
          <fieldset style={FORM_STYLE.fieldset}>
            <label>
              {t('publicReport.name')}
              <input name="name" style={FORM_STYLE.field} maxLength={100} value={fields.name} onChange={set('name')} autoComplete="name" />
            </label>
            <label>
              {t('publicReport.phone')}
              <input name="phone" style={FORM_STYLE.field} type="tel" maxLength={40} value={fields.phone} onChange={set('phone')} autoComplete="tel" />
            </label>
            <label>
              {t('publicReport.email')}
              <input name="email" style={FORM_STYLE.field} type="email" maxLength={200} value={fields.email} onChange={set('email')} autoComplete="email" />
            </label>
            <label className="public-report-choice" style={FORM_STYLE.choice}>
              <input type="checkbox" name="sharePolice" checked={share} onChange={(e) => setShare(e.target.checked)} style={FORM_STYLE.tick} /> <span>{t('publicReport.sharePolice')}</span>
            </label>
            <small className="muted">{t('publicReport.contactHint')}</small>
          </fieldset>
        )}
        <ErrorText error={error} />
        <button type="submit" name="send-report" disabled={busy} style={FORM_STYLE.submit}>
          {busy ? t('publicReport.sending') : t('publicReport.submit')}
        </button>
      </form>
      <ReportStatusCheck />
    </section>
  );
}
