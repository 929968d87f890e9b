import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useCreateForm.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { PackageSections } from './PackageSections.tsx';
import type { InspectionPackage } from './types.ts';

function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

const downloads = (id: string) => ({ pdf: `/api/inspection-packages/${encodeURIComponent(id)}.pdf`, json: `/api/inspection-packages/${encodeURIComponent(id)}.json` });

/** Choose a site (or the whole unit) and a month; one click generates, stores and shows the package. */
export function PackageGenerator() {
  const { t } = useTranslation();
  const sites = useAsync(() => ok(http.GET('/api/sites', {})), []);
  const stored = useAsync(() => ok(http.GET('/api/inspection-packages')), []);
  const [scope, setScope] = useState('');
  const [month, setMonth] = useState(lastMonth);
  const [pkg, setPkg] = useState<InspectionPackage>();
  const action = useAction();
  const siteList = sites.data ?? [];
  const units = [...new Set(siteList.map((s) => s.unitId))];
  const chosen = scope || (siteList[0] ? `site:${siteList[0].id}` : '');
  const generate = () =>
    action.run(
      async () => {
        const [kind, id = ''] = chosen.split(':');
        const body = kind === 'unit' ? { unitId: id, period: month } : { siteId: id, period: month };
        setPkg(await ok(http.POST('/api/inspection-packages', { body })));
      },
      stored.reload,
    );
  return (
    <section className="card" data-testid="inspection-package">
      <h3>{t('inspection.package.title')}</h3>
      <ErrorText error={sites.error ?? action.error} />
      <form
        className="inline"
        aria-label="inspection package"
        onSubmit={(e) => {
          e.preventDefault();
          generate();
        }}
      >
        <label>
          {t('inspection.package.site')}
          <select value={chosen} onChange={(e) => setScope(e.target.value)} name="scope">
            {siteList.map((s) => (
              <option key={s.id} value={`site:${s.id}`}>
                {s.name}
              </option>
            ))}
            {units.map((u) => (
              <option key={u} value={`unit:${u}`}>
                {t('inspection.package.wholeUnit')} ({u})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('inspection.package.period')}
          <input type="month" name="period" value={month} onChange={(e) => setMonth(e.target.value)} required />
        </label>
        <button type="submit" disabled={action.busy || !chosen}>
          {action.busy ? t('inspection.package.generating') : t('inspection.package.generate')}
        </button>
      </form>
      {pkg && (
        <div data-testid="inspection-result">
          <p>
            <a href={downloads(pkg.id).pdf} download>
              {t('inspection.package.pdf')}
            </a>{' '}
            ·{' '}
            <a href={downloads(pkg.id).json} download>
              {t('inspection.package.json')}
            </a>
          </p>
          <p className="mono" style={{ overflowWrap: 'anywhere' }}>
            {t('inspection.package.sha256')} {pkg.integrity.sha256} ·{' '}
            {pkg.integrity.signature ? t('inspection.package.signed', { keyId: pkg.integrity.signature.keyId }) : t('inspection.package.unsigned')}
          </p>
          <PackageSections pkg={pkg} />
        </div>
      )}
      <h4>{t('inspection.package.stored')}</h4>
      {stored.data?.length === 0 && <p className="muted">{t('inspection.package.none')}</p>}
      <ul>
        {stored.data?.map((p) => (
          <li key={p.id}>
            {p.generatedAt.slice(0, 16).replace('T', ' ')} · {p.siteIds.join(', ')} · {p.periodFrom} – {p.periodTo} · <a href={downloads(p.id).pdf}>PDF</a> ·{' '}
            <a href={downloads(p.id).json}>JSON</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
