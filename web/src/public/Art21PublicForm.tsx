import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { lastDay } from './last-day.ts';
import { PublicError } from './PublicError.tsx';

type Receipt = ResponseOf<'/api/public/signs/{code}/art21-requests', 'post'>;

const ID_TYPES = ['RESIDENT_ID', 'PASSPORT', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'FOREIGN_PERMANENT_ID', 'OTHER'] as const;
/** The eligible relationships, and OTHER: the server answers it with E_RELATIONSHIP_NOT_ELIGIBLE, which the page explains. */
const RELATIONSHIPS = ['SELF', 'CLOSE_RELATIVE', 'GUARDIAN', 'CARER', 'CUSTODIAN', 'OTHER'] as const;
const SUBTYPES = ['配偶', '父母', '子女', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女'] as const;
const PURPOSES = ['LIFE_HEALTH', 'PROPERTY_SAFETY', 'OTHER'] as const;
const MAX_PHOTO_BYTES = 512 * 1024;

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The art. 21 form on the sign's page: lands in the unit's workflow; the person keeps the reference number it answers. */
export function Art21PublicForm({ code, place }: { code: string; place: string }) {
  const { t } = useTranslation();
  const [relationship, setRelationship] = useState<string>('SELF');
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoError, setPhotoError] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();
  const [receipt, setReceipt] = useState<Receipt>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const value = (name: string) => {
      const v = f.get(name);
      return typeof v === 'string' ? v.trim() : '';
    };
    setSending(true);
    setError(undefined);
    try {
      const document = photo ? { kind: 'IDENTITY' as const, fileName: photo.name.slice(0, 200) || 'id.jpg', mediaType: photo.type as 'image/jpeg' | 'image/png', contentBase64: await base64Of(photo) } : undefined;
      const contact = value('contact');
      const incidentPlace = value('incidentPlace');
      const answer = await ok(
        http.POST('/api/public/signs/{code}/art21-requests', {
          params: { path: { code } },
          body: {
            requester: { name: value('name'), idType: value('idType') as (typeof ID_TYPES)[number], idNumber: value('idNumber'), ...(contact ? { contact } : {}) },
            relationship,
            ...(relationship === 'CLOSE_RELATIVE' ? { relationshipSubtype: value('subtype') } : {}),
            purpose: value('purpose'),
            purposeDescription: value('description'),
            relatedPerson: value('relatedPerson'),
            // The datetime-local value read as Beijing time.
            incidentAt: `${value('incidentAt')}:00+08:00`,
            ...(incidentPlace ? { incidentPlace } : {}),
            ...(document ? { document } : {}),
          },
        }),
      );
      setReceipt(answer);
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  if (receipt) {
    return (
      <div className="public-receipt" data-testid="art21-receipt">
        <h3>{t('public.art21.done')}</h3>
        <p>{t('public.art21.reference')}</p>
        <p className="public-reference" data-testid="reference">
          {receipt.reference}
        </p>
        <p className="public-keep">{t('public.art21.keep')}</p>
        <p>{t('public.art21.due', { date: lastDay(receipt.dueAt) })}</p>
        {receipt.proofAtCounter && <p>{t('public.art21.counter')}</p>}
        <button type="button" className="public-secondary" onClick={() => setReceipt(undefined)}>
          {t('public.art21.another')}
        </button>
      </div>
    );
  }

  return (
    <form className="public-form" aria-label="art21" onSubmit={(e) => void submit(e)}>
      <label>
        {t('public.art21.relationship')}
        <select name="relationship" value={relationship} onChange={(e) => setRelationship(e.target.value)}>
          {RELATIONSHIPS.map((r) => (
            <option key={r} value={r}>
              {t(`public.art21.rel.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {relationship === 'CLOSE_RELATIVE' && (
        <label>
          {t('public.art21.subtype')}
          <select name="subtype" defaultValue="父母">
            {SUBTYPES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('public.art21.name')}
        <input name="name" required maxLength={100} autoComplete="name" />
      </label>
      <label>
        {t('public.art21.idType')}
        <select name="idType" defaultValue="RESIDENT_ID">
          {ID_TYPES.map((id) => (
            <option key={id} value={id}>
              {enumLabel(t, 'art21IdType', id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('public.art21.idNumber')}
        <input name="idNumber" required maxLength={64} autoComplete="off" />
      </label>
      <label>
        {t('public.art21.relatedPerson')}
        <input name="relatedPerson" required maxLength={100} />
      </label>
      <label>
        {t('public.art21.purpose')}
        <select name="purpose" defaultValue="LIFE_HEALTH">
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`public.art21.purp.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('public.art21.description')}
        <textarea name="description" required maxLength={2000} rows={3} />
      </label>
      <label>
        {t('public.art21.incidentAt')}
        <input name="incidentAt" type="datetime-local" required />
      </label>
      <label>
        {t('public.art21.incidentPlace')}
        <input name="incidentPlace" maxLength={300} />
        <span className="public-hint">{t('public.art21.placeHint', { place })}</span>
      </label>
      <label>
        {t('public.art21.contact')}
        <input name="contact" type="text" inputMode="email" maxLength={200} autoComplete="email" />
      </label>
      <label>
        {t('public.art21.photo')}
        <input
          name="photo"
          type="file"
          accept="image/jpeg,image/png"
          onChange={(e) => {
            const file = e.target.files?.[0] ?? null;
            const tooBig = !!file && file.size > MAX_PHOTO_BYTES;
            setPhotoError(tooBig);
            setPhoto(tooBig ? null : file);
          }}
        />
        <span className="public-hint">{photoError ? t('public.art21.photoTooBig') : t('public.art21.photoHint')}</span>
      </label>
      <PublicError error={error} />
      <button type="submit" className="public-primary" disabled={sending}>
        {sending ? t('public.art21.sending') : t('public.art21.submit')}
      </button>
    </form>
  );
}
