import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { SitePlan } from './SitePlan.tsx';

/** `#/plan/<siteId>`: that site's plan; `#/plan`: the sites to choose from. */
export function SitePlans({ siteId }: { siteId: string | undefined }) {
  const { t } = useTranslation();
  const sites = useAsync(() => (siteId ? Promise.resolve([]) : ok(http.GET('/api/sites'))), [siteId]);
  if (siteId) return <SitePlan key={siteId} siteId={siteId} />;
  return (
    <section className="card">
      <h2>{t('plan.open')}</h2>
      <ErrorText error={sites.error} />
      <p>{t('plan.noSite')}</p>
      <ul>
        {sites.data?.map((s) => (
          <li key={s.id}>
            <a href={`#/plan/${encodeURIComponent(s.id)}`}>{s.name}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
