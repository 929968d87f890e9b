import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';

/** The compliance officer's desk: management units, their sites (systems) and contractor commissions. */
export function DeskHome() {
  const { t } = useTranslation();
  const units = useAsync(() => ok(http.GET('/api/units')), []);
  const sites = useAsync(() => ok(http.GET('/api/sites')), []);
  const commissions = useAsync(() => ok(http.GET('/api/commissions')), []);
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  const inactive = (active: boolean) => (active ? '' : ` (${t('desk.inactive')})`);
  return (
    <>
      <section className="card">
        <h2>{t('desk.title')}</h2>
        <p className="muted">{t('desk.intro')}</p>
      </section>
      <section className="card" data-testid="desk-units">
        <h3>
          {t('desk.unit.list')} <a href="#/desk/units/new">{t('desk.unit.new')}</a>
        </h3>
        <ErrorText error={units.error} />
        <table>
          <thead>
            <tr>
              <th>{t('desk.field.name')}</th>
              <th>{t('desk.field.unitType')}</th>
              <th>{t('desk.field.uscc')}</th>
              <th>{t('desk.field.contactName')}</th>
            </tr>
          </thead>
          <tbody>
            {(units.data ?? []).map((u) => (
              <tr key={u.id}>
                <td>
                  <a href={`#/desk/units/${u.id}`}>{u.name}</a>
                  {inactive(u.active)}
                </td>
                <td>{enumLabel(t, 'unitType', u.unitType)}</td>
                <td>{u.uscc}</td>
                <td>
                  {u.contactName} {u.contactPhone}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" data-testid="desk-sites">
        <h3>
          {t('desk.site.list')} <a href="#/desk/sites/new">{t('desk.site.new')}</a>
        </h3>
        <ErrorText error={sites.error} />
        <table>
          <thead>
            <tr>
              <th>{t('desk.field.name')}</th>
              <th>{t('desk.field.unitId')}</th>
              <th>{t('desk.field.placeCategory')}</th>
              <th>{t('desk.field.storagePeriodDays')}</th>
              <th>{t('desk.field.putIntoUseDate')}</th>
            </tr>
          </thead>
          <tbody>
            {(sites.data ?? []).map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={`#/desk/sites/${s.id}`}>{s.name}</a>
                  {inactive(s.active)}
                </td>
                <td>{unitName(s.unitId)}</td>
                <td>{enumLabel(t, 'placeCategory', s.placeCategory)}</td>
                <td>{s.storagePeriodDays}</td>
                <td>{s.putIntoUseDate ?? t('desk.site.notInUse')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" data-testid="desk-commissions">
        <h3>
          {t('desk.commission.list')} <a href="#/desk/commissions/new">{t('desk.commission.new')}</a>
        </h3>
        <ErrorText error={commissions.error} />
        <table>
          <thead>
            <tr>
              <th>{t('desk.field.principalUnitId')}</th>
              <th>{t('desk.field.contractorUnitId')}</th>
              <th>{t('desk.field.scope')}</th>
              <th>{t('desk.field.validTo')}</th>
            </tr>
          </thead>
          <tbody>
            {(commissions.data ?? []).map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`#/desk/commissions/${c.id}`}>{unitName(c.principalUnitId)}</a>
                </td>
                <td>{unitName(c.contractorUnitId)}</td>
                <td>{c.scope.map((s) => enumLabel(t, 'commissionScope', s)).join(', ')}</td>
                <td>
                  {c.validFrom} – {c.validTo}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
