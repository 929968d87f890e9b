import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { fromLocalInput } from '../../evidence/common.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { go } from '../../hooks/useRoute.ts';
import { enumLabel } from '../../i18n/enum-label.ts';
import { base64Of } from './file-base64.ts';
import type { IntakeBody } from './types.ts';

const RELATIONSHIPS = ['SELF', 'CLOSE_RELATIVE', 'GUARDIAN', 'CARER', 'CUSTODIAN'] as const;
const SUBTYPES = ['配偶', '父母', '子女', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女'] as const;
const PURPOSES = ['LIFE_HEALTH', 'PROPERTY_SAFETY'] as const;
const ID_TYPES = ['RESIDENT_ID', 'PASSPORT', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'FOREIGN_PERMANENT_ID', 'OTHER'] as const;
const DOCUMENT_KINDS = ['IDENTITY', 'RELATIONSHIP', 'GUARDIANSHIP', 'CARE_CONTRACT', 'CUSTODY_NOTE', 'OTHER'] as const;

type Fields = Record<'unitId' | 'name' | 'idType' | 'idNumber' | 'employer' | 'contact' | 'relationship' | 'subtype' | 'purpose' | 'description' | 'relatedPerson' | 'incidentAt' | 'incidentPlace' | 'documentKind', string>;

/** REG-21-1: identity, relationship, purpose, incident and proof, taken in at the counter. */
export function Art21Intake() {
  const { t } = useTranslation();
  const units = useAsync(() => ok(http.GET('/api/units')), []);
  const [f, setF] = useState<Fields>({ unitId: '', name: '', idType: 'RESIDENT_ID', idNumber: '', employer: '', contact: '', relationship: 'SELF', subtype: '父母', purpose: 'LIFE_HEALTH', description: '', relatedPerson: '', incidentAt: '', incidentPlace: '', documentKind: 'IDENTITY' });
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const field = (name: keyof Fields) => ({ name, value: f[name], onChange: (e: { target: { value: string } }) => setF({ ...f, [name]: e.target.value }) });
  const unitId = f.unitId || units.data?.[0]?.id || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body: IntakeBody = {
        unitId,
        requester: { name: f.name, idType: f.idType as IntakeBody['requester']['idType'], idNumber: f.idNumber, ...(f.employer ? { employer: f.employer } : {}), ...(f.contact ? { contact: f.contact } : {}) },
        relationship: f.relationship,
        ...(f.relationship === 'CLOSE_RELATIVE' ? { relationshipSubtype: f.subtype } : {}),
        purpose: f.purpose,
        purposeDescription: f.description,
        relatedPerson: f.relatedPerson,
        incidentAt: fromLocalInput(f.incidentAt)?.replace('.000Z', 'Z') ?? '',
        incidentPlace: f.incidentPlace,
        documents: await Promise.all(files.map(async (file) => ({ kind: f.documentKind as NonNullable<IntakeBody['documents']>[number]['kind'], fileName: file.name, mediaType: file.type || 'application/octet-stream', contentBase64: await base64Of(file) }))),
      };
      const created = await ok(http.POST('/api/art21-requests', { body }));
      go(`art21/${encodeURIComponent(created.id)}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <p>
        <a href="#/art21">{t('art21.back')}</a>
      </p>
      <h2>{t('art21.intake.title')}</h2>
      <p className="muted">{t('art21.explain')}</p>
      <form className="stack" onSubmit={(e) => void submit(e)} data-testid="art21-intake">
        <label>
          {t('art21.intake.unit')}
          <select {...field('unitId')} value={unitId} required>
            {units.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('art21.intake.name')}
          <input {...field('name')} required maxLength={100} />
        </label>
        <label>
          {t('art21.intake.idType')}
          <select {...field('idType')}>
            {ID_TYPES.map((v) => (
              <option key={v} value={v}>
                {enumLabel(t, 'art21IdType', v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('art21.intake.idNumber')}
          <input {...field('idNumber')} required maxLength={64} />
        </label>
        <label>
          {t('art21.intake.employer')}
          <input {...field('employer')} maxLength={200} />
        </label>
        <label>
          {t('art21.intake.contact')}
          <input {...field('contact')} maxLength={200} />
        </label>
        <label>
          {t('art21.intake.relationship')}
          <select {...field('relationship')}>
            {RELATIONSHIPS.map((v) => (
              <option key={v} value={v}>
                {enumLabel(t, 'art21Relationship', v)}
              </option>
            ))}
          </select>
        </label>
        {f.relationship === 'CLOSE_RELATIVE' && (
          <label>
            {t('art21.intake.subtype')}
            <select {...field('subtype')}>
              {SUBTYPES.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('art21.intake.purpose')}
          <select {...field('purpose')}>
            {PURPOSES.map((v) => (
              <option key={v} value={v}>
                {enumLabel(t, 'art21Purpose', v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('art21.intake.description')}
          <textarea {...field('description')} required maxLength={2000} />
        </label>
        <label>
          {t('art21.intake.relatedPerson')}
          <input {...field('relatedPerson')} required maxLength={100} />
        </label>
        <label>
          {t('art21.intake.incidentAt')}
          <input type="datetime-local" {...field('incidentAt')} required />
        </label>
        <label>
          {t('art21.intake.incidentPlace')}
          <input {...field('incidentPlace')} required maxLength={500} />
        </label>
        <label>
          {t('art21.intake.documents')}
          <input type="file" name="documents" multiple accept="application/pdf,image/*" required onChange={(e) => setFiles([...(e.target.files ?? [])])} />
        </label>
        <label>
          {t('art21.intake.documentKind')}
          <select {...field('documentKind')}>
            {DOCUMENT_KINDS.map((v) => (
              <option key={v} value={v}>
                {enumLabel(t, 'art21DocumentKind', v)}
              </option>
            ))}
          </select>
        </label>
        <ErrorText error={error ?? units.error} />
        <button type="submit" disabled={busy}>
          {t('art21.intake.submit')}
        </button>
      </form>
    </section>
  );
}
