import { useTranslation } from 'react-i18next';
import { http, ok, type BodyOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { DeactivateButton } from './DeactivateButton.tsx';
import { EnumField, SaveButton, TextField } from './fields.tsx';
import { History } from './History.tsx';
import { UNIT_TYPES } from './enums.ts';
import { textOrNull, useRecord } from './useRecord.ts';

type UnitBody = BodyOf<'/api/units'>;
interface Draft {
  name: string;
  unitType: UnitBody['unitType'];
  uscc: string;
  address: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  responsiblePersons: string;
  active: boolean;
}
const EMPTY: Draft = { name: '', unitType: 'ENTERPRISE', uscc: '', address: '', legalRepresentative: '', contactName: '', contactPhone: '', responsiblePersons: '1', active: true };

const body = (d: Draft) => ({
  name: d.name,
  unitType: d.unitType,
  uscc: textOrNull(d.uscc),
  address: d.address,
  legalRepresentative: d.legalRepresentative,
  contactName: d.contactName,
  contactPhone: d.contactPhone,
  responsiblePersons: Number(d.responsiblePersons || 0),
});

/** A management unit (art. 7.3, REG-07-2): identity, legal representative, contact, responsible persons. */
export function UnitPage({ id }: { id: string | undefined }) {
  const { t } = useTranslation();
  const form = useRecord<Draft>({
    id,
    empty: EMPTY,
    load: async (unitId) => {
      const u = await ok(http.GET('/api/units/{id}', { params: { path: { id: unitId } } }));
      return { ...u, uscc: u.uscc ?? '', responsiblePersons: String(u.responsiblePersons) };
    },
    create: (d) => ok(http.POST('/api/units', { body: body(d) })),
    update: (unitId, d) => ok(http.PATCH('/api/units/{id}', { params: { path: { id: unitId } }, body: body(d) })),
    pathOf: (unitId) => `desk/units/${unitId}`,
  });
  const { draft, set } = form;
  const commissions = useAsync(
    async () =>
      id
        ? [
            ...(await ok(http.GET('/api/commissions', { params: { query: { principalUnitId: id } } }))),
            ...(await ok(http.GET('/api/commissions', { params: { query: { contractorUnitId: id } } }))),
          ]
        : [],
    [id],
  );
  const sites = useAsync(() => (id ? ok(http.GET('/api/sites', { params: { query: { unitId: id } } })) : Promise.resolve([])), [id]);
  const text = (key: 'name' | 'uscc' | 'address' | 'legalRepresentative' | 'contactName' | 'contactPhone' | 'responsiblePersons', required = false, type = 'text') => (
    <TextField label={t(`desk.field.${key}`)} name={key} value={draft[key]} onChange={(v) => set(key, v)} required={required} type={type} />
  );
  return (
    <>
      <section className="card">
        <p>
          <a href="#/desk">{t('desk.title')}</a>
        </p>
        <h2>{id ? `${t('desk.unit.title')}: ${draft.name}` : t('desk.unit.new')}</h2>
        {id && !draft.active && <p className="badge">{t('desk.inactive')}</p>}
        <ErrorText error={form.loadError} />
        <form className="stack" aria-label="unit" onSubmit={form.submit}>
          {text('name', true)}
          <EnumField label={t('desk.field.unitType')} name="unitType" group="unitType" values={UNIT_TYPES} value={draft.unitType} onChange={(v) => set('unitType', v as Draft['unitType'])} />
          {text('uscc')}
          <p className="muted">{t('desk.unit.usccHint')}</p>
          {text('address')}
          {text('legalRepresentative')}
          {text('contactName')}
          {text('contactPhone')}
          {text('responsiblePersons', false, 'number')}
          <ErrorText error={form.error} />
          {form.saved && <p className="ok">{t('desk.saved')}</p>}
          <SaveButton saving={form.saving} />
        </form>
        {id && draft.active && <DeactivateButton run={() => ok(http.POST('/api/units/{id}/deactivate', { params: { path: { id } } }))} onDone={form.reload} />}
      </section>
      {id && (
        <section className="card" data-testid="unit-sites">
          <h3>
            {t('desk.site.list')} <a href={`#/desk/sites/new?unit=${id}`}>{t('desk.site.new')}</a>
          </h3>
          <ErrorText error={sites.error} />
          <ul>
            {(sites.data ?? []).map((s) => (
              <li key={s.id}>
                <a href={`#/desk/sites/${s.id}`}>{s.name}</a> · {enumLabel(t, 'placeCategory', s.placeCategory)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {id && (
        <section className="card" data-testid="unit-commissions">
          <h3>
            {t('desk.commission.list')} <a href={`#/desk/commissions/new?unit=${id}`}>{t('desk.commission.new')}</a>
          </h3>
          <ErrorText error={commissions.error} />
          <ul>
            {(commissions.data ?? []).map((c) => (
              <li key={c.id}>
                <a href={`#/desk/commissions/${c.id}`}>{c.principalUnitId === id ? t('desk.commission.given') : t('desk.commission.held')}</a> ·{' '}
                {c.scope.map((s) => enumLabel(t, 'commissionScope', s)).join(', ')} · {c.validFrom} – {c.validTo}
              </li>
            ))}
          </ul>
        </section>
      )}
      {id && <History version={form.version} load={() => ok(http.GET('/api/units/{id}/history', { params: { path: { id } } }))} />}
    </>
  );
}
