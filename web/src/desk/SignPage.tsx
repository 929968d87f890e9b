import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { DeactivateButton } from './DeactivateButton.tsx';
import { MultiField, SaveButton, TextField } from './fields.tsx';
import { History } from './History.tsx';
import { SignQr } from '../public/SignQr.tsx';
import { uploadFile } from './upload.ts';
import { textOrNull, useRecord } from './useRecord.ts';

type Sign = ResponseOf<'/api/signs/{id}'>;
interface Draft {
  siteId: string;
  location: string;
  placementNote: string;
  text: string;
  languages: string;
  installedAt: string;
  cameraIds: string[];
  photoRef: string | null;
  active: boolean;
  /** A photo chosen and not yet uploaded. */
  photo: File | null;
}
const EMPTY: Draft = { siteId: '', location: '', placementNote: '', text: '', languages: 'zh', installedAt: '', cameraIds: [], photoRef: null, active: true, photo: null };
/** As the server allows (5 MiB); the server checks again, by the bytes. */
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const fields = (d: Draft) => ({
  location: d.location,
  placementNote: d.placementNote,
  text: d.text,
  languages: d.languages.split(/[\s,]+/).filter(Boolean),
  installedAt: textOrNull(d.installedAt),
});
const uploadPhoto = (signId: string, photo: File) => uploadFile<Sign>(`/api/signs/${encodeURIComponent(signId)}/photo`, photo);

/** An art. 13 sign: where it is, its text, a photo proving it is up (shown as a thumbnail), and the cameras it announces. */
export function SignPage({ id, site }: { id: string | undefined; site: string | null }) {
  const { t } = useTranslation();
  const [photoError, setPhotoError] = useState<string>();
  const form = useRecord<Draft>({
    id,
    empty: { ...EMPTY, siteId: site ?? '' },
    load: async (signId) => {
      const s = await ok(http.GET('/api/signs/{id}', { params: { path: { id: signId } } }));
      return { ...s, languages: s.languages.join(', '), installedAt: s.installedAt ?? '', photo: null };
    },
    create: async (d) => {
      // The server links cameras only to a sign with a photo: create, upload, then link.
      const sign = await ok(http.POST('/api/signs', { body: { siteId: d.siteId, ...fields(d), cameraIds: d.photo ? [] : d.cameraIds } }));
      if (d.photo) {
        await uploadPhoto(sign.id, d.photo);
        if (d.cameraIds.length > 0) await ok(http.PATCH('/api/signs/{id}', { params: { path: { id: sign.id } }, body: { cameraIds: d.cameraIds } }));
      }
      return sign;
    },
    update: async (signId, d) => {
      if (d.photo) await uploadPhoto(signId, d.photo);
      return ok(http.PATCH('/api/signs/{id}', { params: { path: { id: signId } }, body: { ...fields(d), cameraIds: d.cameraIds } }));
    },
    pathOf: (signId) => `desk/signs/${signId}`,
  });
  const { draft, set } = form;
  const cameras = useAsync(() => (draft.siteId ? ok(http.GET('/api/cameras', { params: { query: { siteId: draft.siteId } } })) : Promise.resolve([])), [draft.siteId]);
  const choose = (file: File | undefined) => {
    setPhotoError(undefined);
    if (!file) return set('photo', null);
    if (!['image/jpeg', 'image/png'].includes(file.type)) setPhotoError(t('desk.sign.photoType'));
    else if (file.size > MAX_PHOTO_BYTES) setPhotoError(t('desk.sign.photoSize'));
    else return set('photo', file);
    set('photo', null);
  };
  const text = (key: 'location' | 'placementNote' | 'text' | 'languages' | 'installedAt', required = false, type = 'text') => (
    <TextField label={t(`desk.field.${key}`)} name={key} value={draft[key]} onChange={(v) => set(key, v)} required={required} type={type} multiline={key === 'text'} />
  );
  return (
    <>
      <section className="card">
        <p>
          <a href={`#/desk/sites/${draft.siteId}`}>{t('desk.site.title')}</a>
        </p>
        <h2>{id ? `${t('desk.sign.title')}: ${draft.location}` : t('desk.sign.new')}</h2>
        {id && !draft.active && <p className="badge">{t('desk.inactive')}</p>}
        <ErrorText error={form.loadError ?? cameras.error} />
        {id && draft.photoRef && (
          <figure>
            <img data-testid="sign-photo" onError={() => setPhotoError(t('desk.sign.photoUnreadable'))} src={`/api/signs/${encodeURIComponent(id)}/photo?v=${encodeURIComponent(draft.photoRef)}`} alt={t('desk.sign.photo')} style={{ maxWidth: '16rem', maxHeight: '12rem', border: '1px solid #ccd' }} />
            <figcaption className="muted">SHA-256 {draft.photoRef.replace(/^sign-photos\/|\.\w+$/g, '')}</figcaption>
          </figure>
        )}
        <form className="stack" aria-label="sign" onSubmit={form.submit}>
          {text('location', true)}
          {text('placementNote')}
          {text('text')}
          {text('languages')}
          {text('installedAt', false, 'date')}
          <label>
            {t('desk.sign.photo')}
            <input type="file" name="photo" accept="image/jpeg,image/png" onChange={(e) => choose(e.target.files?.[0])} />
          </label>
          <p className="muted">{t('desk.sign.photoHint')}</p>
          {photoError && <p className="error">{photoError}</p>}
          <MultiField label={t('desk.field.cameraIds')} name="cameraIds" options={cameras.data ?? []} value={draft.cameraIds} onChange={(v) => set('cameraIds', v)} />
          <ErrorText error={form.error} />
          {form.saved && <p className="ok">{t('desk.saved')}</p>}
          <SaveButton saving={form.saving} />
        </form>
        {id && draft.active && <DeactivateButton run={() => ok(http.POST('/api/signs/{id}/deactivate', { params: { path: { id } } }))} onDone={form.reload} />}
      </section>
      {id && draft.active && <SignQr signId={id} />}
      {id && <History version={form.version} load={() => ok(http.GET('/api/signs/{id}/history', { params: { path: { id } } }))} />}
    </>
  );
}
