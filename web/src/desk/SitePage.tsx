import { useTranslation } from 'react-i18next';
import { pick } from '../i18n/index.ts';
import { http, ok, type BodyOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { ArchiveSection } from './ArchiveSection.tsx';
import { DeactivateButton } from './DeactivateButton.tsx';
import { CheckField, EnumField, RecordField, SaveButton, TextField } from './fields.tsx';
import { History } from './History.tsx';
import { PLACE_CATEGORIES, SECURITY_OBLIGATION_BASES } from './enums.ts';
import { PutIntoUse } from './PutIntoUse.tsx';
import { SiteRecords } from './SiteRecords.tsx';
import { numberOrNull, textOrNull, useRecord } from './useRecord.ts';

type SiteBody = BodyOf<'/api/sites'>;
interface Draft {
  unitId: string;
  name: string;
  address: string;
  adminDivisionCode: string;
  latitude: string;
  longitude: string;
  placeCategory: SiteBody['placeCategory'];
  placeSubtype: string;
  storagePeriodDays: string;
  hasOperator: boolean;
  operatorName: string;
  operatorUscc: string;
  operatorContract: string;
  hasObligation: boolean;
  obligationParty: string;
  obligationBasis: NonNullable<SiteBody['securityObligation']>['basis'];
  obligationDocument: string;
  networkedToPsb: boolean;
  recorderCount: string;
  putIntoUseDate: string;
  active: boolean;
}
const EMPTY: Draft = {
  unitId: '',
  name: '',
  address: '',
  adminDivisionCode: '',
  latitude: '',
  longitude: '',
  placeCategory: 'A7_2_1_GATHERING',
  placeSubtype: '',
  storagePeriodDays: '30',
  hasOperator: false,
  operatorName: '',
  operatorUscc: '',
  operatorContract: '',
  hasObligation: false,
  obligationParty: '',
  obligationBasis: 'OWNER',
  obligationDocument: '',
  networkedToPsb: false,
  recorderCount: '0',
  putIntoUseDate: '',
  active: true,
};

const fields = (d: Draft) => ({
  name: d.name,
  address: d.address,
  adminDivisionCode: d.adminDivisionCode,
  latitude: numberOrNull(d.latitude),
  longitude: numberOrNull(d.longitude),
  placeCategory: d.placeCategory,
  placeSubtype: textOrNull(d.placeSubtype),
  storagePeriodDays: Number(d.storagePeriodDays),
  entrustedOperator: d.hasOperator ? { name: d.operatorName, uscc: textOrNull(d.operatorUscc), contractRef: d.operatorContract } : null,
  securityObligation: d.hasObligation ? { partyUnitId: d.obligationParty || d.unitId, basis: d.obligationBasis, documentRef: d.obligationDocument } : null,
  networkedToPsb: d.networkedToPsb,
  recorderCount: Number(d.recorderCount || 0),
});

/** A site (one system, the filing unit): place category, storage period, operator, art. 9 obligation; and its records. */
export function SitePage({ id, unit }: { id: string | undefined; unit: string | null }) {
  const { t, i18n } = useTranslation();
  const units = useAsync(() => ok(http.GET('/api/units', { params: { query: { active: 'true' } } })), []);
  const categories = useAsync(() => ok(http.GET('/api/meta/place-categories')), []);
  const form = useRecord<Draft>({
    id,
    empty: { ...EMPTY, unitId: unit ?? '' },
    load: async (siteId) => {
      const s = await ok(http.GET('/api/sites/{id}', { params: { path: { id: siteId } } }));
      return {
        ...EMPTY,
        unitId: s.unitId,
        name: s.name,
        address: s.address,
        adminDivisionCode: s.adminDivisionCode,
        latitude: s.latitude === null ? '' : String(s.latitude),
        longitude: s.longitude === null ? '' : String(s.longitude),
        placeCategory: s.placeCategory,
        placeSubtype: s.placeSubtype ?? '',
        storagePeriodDays: String(s.storagePeriodDays),
        hasOperator: s.entrustedOperator !== null,
        operatorName: s.entrustedOperator?.name ?? '',
        operatorUscc: s.entrustedOperator?.uscc ?? '',
        operatorContract: s.entrustedOperator?.contractRef ?? '',
        hasObligation: s.securityObligation !== null,
        obligationParty: s.securityObligation?.partyUnitId ?? '',
        obligationBasis: s.securityObligation?.basis ?? 'OWNER',
        obligationDocument: s.securityObligation?.documentRef ?? '',
        networkedToPsb: s.networkedToPsb,
        recorderCount: String(s.recorderCount),
        putIntoUseDate: s.putIntoUseDate ?? '',
        active: s.active,
      };
    },
    create: (d) => ok(http.POST('/api/sites', { body: { ...fields(d), unitId: d.unitId || (units.data?.[0]?.id ?? '') } })),
    update: (siteId, d) => ok(http.PATCH('/api/sites/{id}', { params: { path: { id: siteId } }, body: fields(d) })),
    pathOf: (siteId) => `desk/sites/${siteId}`,
  });
  const { draft, set } = form;
  const unitOptions = units.data ?? [];
  const category = categories.data?.find((c) => c.id === draft.placeCategory);
  const text = (key: 'name' | 'address' | 'adminDivisionCode' | 'latitude' | 'longitude' | 'storagePeriodDays' | 'recorderCount', required = false, type = 'text') => (
    <TextField label={t(`desk.field.${key}`)} name={key} value={draft[key]} onChange={(v) => set(key, v)} required={required} type={type} />
  );
  return (
    <>
      <section className="card">
        <p>
          <a href="#/desk">{t('desk.title')}</a>
          {draft.unitId && (
            <>
              {' · '}
              <a href={`#/desk/units/${draft.unitId}`}>{unitOptions.find((u) => u.id === draft.unitId)?.name ?? t('desk.unit.title')}</a>
            </>
          )}
        </p>
        <h2>{id ? `${t('desk.site.title')}: ${draft.name}` : t('desk.site.new')}</h2>
        {id && !draft.active && <p className="badge">{t('desk.inactive')}</p>}
        <ErrorText error={form.loadError ?? units.error ?? categories.error} />
        <form className="stack" aria-label="site" onSubmit={form.submit}>
          {!id && <RecordField label={t('desk.field.unitId')} name="unitId" options={unitOptions} value={draft.unitId || (unitOptions[0]?.id ?? '')} onChange={(v) => set('unitId', v)} />}
          {text('name', true)}
          <EnumField label={t('desk.field.placeCategory')} name="placeCategory" group="placeCategory" values={PLACE_CATEGORIES} value={draft.placeCategory} onChange={(v) => set('placeCategory', v as Draft['placeCategory'])} />
          {category && (
            <div className="muted" data-testid="category-statute">
              {category.statuteText}
              {category.localNotes.map((n, i) => (
                <div key={i}>{pick(n, i18n.language)}</div>
              ))}
            </div>
          )}
          <label>
            {t('desk.field.placeSubtype')}
            <input name="placeSubtype" list="place-subtypes" value={draft.placeSubtype} onChange={(e) => set('placeSubtype', e.target.value)} />
            <datalist id="place-subtypes">
              {(category?.subtypes ?? []).map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </label>
          {text('address')}
          {text('adminDivisionCode', true)}
          {text('latitude', false, 'number')}
          {text('longitude', false, 'number')}
          {text('storagePeriodDays', true, 'number')}
          {text('recorderCount', false, 'number')}
          <CheckField label={t('desk.field.networkedToPsb')} name="networkedToPsb" checked={draft.networkedToPsb} onChange={(v) => set('networkedToPsb', v)} />
          <CheckField label={t('desk.site.hasOperator')} name="hasOperator" checked={draft.hasOperator} onChange={(v) => set('hasOperator', v)} />
          {draft.hasOperator && (
            <fieldset>
              <legend>{t('desk.field.entrustedOperator')}</legend>
              <TextField label={t('desk.field.name')} name="operatorName" value={draft.operatorName} onChange={(v) => set('operatorName', v)} required />
              <TextField label={t('desk.field.uscc')} name="operatorUscc" value={draft.operatorUscc} onChange={(v) => set('operatorUscc', v)} />
              <TextField label={t('desk.field.contractRef')} name="operatorContract" value={draft.operatorContract} onChange={(v) => set('operatorContract', v)} />
            </fieldset>
          )}
          <CheckField label={t('desk.site.hasObligation')} name="hasObligation" checked={draft.hasObligation} onChange={(v) => set('hasObligation', v)} />
          {draft.hasObligation && (
            <fieldset>
              <legend>{t('desk.field.securityObligation')}</legend>
              <RecordField label={t('desk.field.partyUnitId')} name="obligationParty" options={unitOptions} value={draft.obligationParty || draft.unitId} onChange={(v) => set('obligationParty', v)} />
              <EnumField label={t('desk.field.basis')} name="obligationBasis" group="securityObligationBasis" values={SECURITY_OBLIGATION_BASES} value={draft.obligationBasis} onChange={(v) => set('obligationBasis', v as Draft['obligationBasis'])} />
              <TextField label={t('desk.field.documentRef')} name="obligationDocument" value={draft.obligationDocument} onChange={(v) => set('obligationDocument', v)} />
            </fieldset>
          )}
          <ErrorText error={form.error} />
          {form.saved && <p className="ok">{t('desk.saved')}</p>}
          <SaveButton saving={form.saving} />
        </form>
        {id && (
          <>
            <PutIntoUse siteId={id} date={draft.putIntoUseDate} onDone={form.reload} />
            <p>
              <a href={`#/plan/${id}`}>{t('desk.site.plan')}</a>
            </p>
            {draft.active && <DeactivateButton run={() => ok(http.POST('/api/sites/{id}/deactivate', { params: { path: { id } } }))} onDone={form.reload} />}
          </>
        )}
      </section>
      {id && <SiteRecords siteId={id} />}
      {id && <ArchiveSection siteId={id} />}
      {id && <History version={form.version} load={() => ok(http.GET('/api/sites/{id}/history', { params: { path: { id } } }))} />}
    </>
  );
}
