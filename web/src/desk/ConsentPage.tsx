import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { DeactivateButton } from './DeactivateButton.tsx';
import { MultiField, SaveButton, TextField } from './fields.tsx';
import { History } from './History.tsx';
import { textOrNull, useRecord } from './useRecord.ts';

interface Draft {
  siteId: string;
  consentingUnit: string;
  referenceNo: string;
  consentDate: string;
  scopeNote: string;
  documentSha256: string;
  cameraIds: string[];
  active: boolean;
}
const EMPTY: Draft = { siteId: '', consentingUnit: '', referenceNo: '', consentDate: '', scopeNote: '', documentSha256: '', cameraIds: [], active: true };

const fields = (d: Draft) => ({
  consentingUnit: d.consentingUnit,
  referenceNo: d.referenceNo,
  consentDate: d.consentDate,
  scopeNote: d.scopeNote,
  documentSha256: textOrNull(d.documentSha256.toLowerCase()),
  cameraIds: d.cameraIds,
});

/** Art. 10: the prior consent of a military or confidential unit, naming the cameras it covers (their placement is recorded). */
export function ConsentPage({ id, site }: { id: string | undefined; site: string | null }) {
  const { t } = useTranslation();
  const form = useRecord<Draft>({
    id,
    empty: { ...EMPTY, siteId: site ?? '' },
    load: async (consentId) => {
      const c = await ok(http.GET('/api/consents/{id}', { params: { path: { id: consentId } } }));
      return { ...c, documentSha256: c.documentSha256 ?? '', cameraIds: c.placements.map((p) => p.cameraId) };
    },
    create: (d) => ok(http.POST('/api/consents', { body: { siteId: d.siteId, ...fields(d) } })),
    update: (consentId, d) => ok(http.PATCH('/api/consents/{id}', { params: { path: { id: consentId } }, body: fields(d) })),
    pathOf: (consentId) => `desk/consents/${consentId}`,
  });
  const { draft, set } = form;
  const cameras = useAsync(() => (draft.siteId ? ok(http.GET('/api/cameras', { params: { query: { siteId: draft.siteId } } })) : Promise.resolve([])), [draft.siteId]);
  const options = (cameras.data ?? []).map((c) => ({
    id: c.id,
    name: c.confidentialProximity ? `${c.name} · ${enumLabel(t, 'confidentialProximity', c.confidentialProximity)}` : c.name,
  }));
  /** The consent document's SHA-256, computed in the browser; the document itself is not uploaded. */
  const hashInto = async (file: File | undefined) => {
    if (!file) return;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    set('documentSha256', Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''));
  };
  const text = (key: 'consentingUnit' | 'referenceNo' | 'consentDate' | 'scopeNote' | 'documentSha256', required = false, type = 'text') => (
    <TextField label={t(`desk.field.${key}`)} name={key} value={draft[key]} onChange={(v) => set(key, v)} required={required} type={type} multiline={key === 'scopeNote'} />
  );
  return (
    <>
      <section className="card">
        <p>
          <a href={`#/desk/sites/${draft.siteId}`}>{t('desk.site.title')}</a>
        </p>
        <h2>{id ? `${t('desk.consent.title')}: ${draft.consentingUnit}` : t('desk.consent.new')}</h2>
        <p className="muted">{t('desk.consent.hint')}</p>
        {id && !draft.active && <p className="badge">{t('desk.inactive')}</p>}
        <ErrorText error={form.loadError ?? cameras.error} />
        <form className="stack" aria-label="consent" onSubmit={form.submit}>
          {text('consentingUnit', true)}
          {text('referenceNo', true)}
          {text('consentDate', true, 'date')}
          {text('scopeNote')}
          {text('documentSha256')}
          {typeof crypto !== 'undefined' && crypto.subtle && (
            <label>
              {t('desk.consent.hashFile')}
              <input type="file" name="consentDocument" onChange={(e) => void hashInto(e.target.files?.[0])} />
            </label>
          )}
          <MultiField label={t('desk.field.cameraIds')} name="cameraIds" options={options} value={draft.cameraIds} onChange={(v) => set('cameraIds', v)} />
          <ErrorText error={form.error} />
          {form.saved && <p className="ok">{t('desk.saved')}</p>}
          <SaveButton saving={form.saving} />
        </form>
        {id && draft.active && <DeactivateButton run={() => ok(http.POST('/api/consents/{id}/deactivate', { params: { path: { id } } }))} onDone={form.reload} />}
      </section>
      {id && <History version={form.version} load={() => ok(http.GET('/api/consents/{id}/history', { params: { path: { id } } }))} />}
    </>
  );
}
