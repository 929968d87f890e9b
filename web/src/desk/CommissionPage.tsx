import { useTranslation } from 'react-i18next';
import { http, ok, type BodyOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { MultiField, RecordField, SaveButton, TextField } from './fields.tsx';
import { History } from './History.tsx';
import { COMMISSION_SCOPES } from './enums.ts';
import { useRecord } from './useRecord.ts';

type Scope = BodyOf<'/api/commissions'>['scope'][number];
interface Draft {
  contractorUnitId: string;
  principalUnitId: string;
  scope: Scope[];
  validFrom: string;
  validTo: string;
}
const EMPTY: Draft = { contractorUnitId: '', principalUnitId: '', scope: ['CONSTRUCTION'], validFrom: '', validTo: '' };

/** Art. 9 / REG-07-4: a contractor's commission from a management unit, with its scope and validity. */
export function CommissionPage({ id, unit }: { id: string | undefined; unit: string | null }) {
  const { t } = useTranslation();
  const units = useAsync(() => ok(http.GET('/api/units')), []);
  const form = useRecord<Draft>({
    id,
    empty: { ...EMPTY, principalUnitId: unit ?? '' },
    load: (commissionId) => ok(http.GET('/api/commissions/{id}', { params: { path: { id: commissionId } } })),
    create: (d) => ok(http.POST('/api/commissions', { body: d })),
    update: (commissionId, d) => ok(http.PATCH('/api/commissions/{id}', { params: { path: { id: commissionId } }, body: { scope: d.scope, validFrom: d.validFrom, validTo: d.validTo } })),
    pathOf: (commissionId) => `desk/commissions/${commissionId}`,
  });
  const { draft, set } = form;
  const unitOptions = units.data ?? [];
  return (
    <>
      <section className="card">
        <p>
          <a href="#/desk">{t('desk.title')}</a>
        </p>
        <h2>{id ? t('desk.commission.title') : t('desk.commission.new')}</h2>
        <ErrorText error={form.loadError ?? units.error} />
        <form className="stack" aria-label="commission" onSubmit={form.submit}>
          {id ? (
            <p>
              {t('desk.field.principalUnitId')}: {unitOptions.find((u) => u.id === draft.principalUnitId)?.name} · {t('desk.field.contractorUnitId')}:{' '}
              {unitOptions.find((u) => u.id === draft.contractorUnitId)?.name}
            </p>
          ) : (
            <>
              <RecordField label={t('desk.field.principalUnitId')} name="principalUnitId" options={unitOptions} value={draft.principalUnitId} onChange={(v) => set('principalUnitId', v)} empty="" />
              <RecordField label={t('desk.field.contractorUnitId')} name="contractorUnitId" options={unitOptions} value={draft.contractorUnitId} onChange={(v) => set('contractorUnitId', v)} empty="" />
            </>
          )}
          <MultiField
            label={t('desk.field.scope')}
            name="scope"
            options={COMMISSION_SCOPES.map((s) => ({ id: s, name: enumLabel(t, 'commissionScope', s) }))}
            value={draft.scope}
            onChange={(v) => set('scope', v as Scope[])}
          />
          <TextField label={t('desk.field.validFrom')} name="validFrom" type="date" value={draft.validFrom} onChange={(v) => set('validFrom', v)} required />
          <TextField label={t('desk.field.validTo')} name="validTo" type="date" value={draft.validTo} onChange={(v) => set('validTo', v)} required />
          <ErrorText error={form.error} />
          {form.saved && <p className="ok">{t('desk.saved')}</p>}
          <SaveButton saving={form.saving} />
        </form>
      </section>
      {id && <History version={form.version} load={() => ok(http.GET('/api/commissions/{id}/history', { params: { path: { id } } }))} />}
    </>
  );
}
