import { http, ok } from '../api/http.ts';
import { useAsync } from '../hooks/useAsync.ts';

/** Everything the filing page of one system shows: the site, the live draft, its filings, the report, the authorities. */
export function useFilingData(siteId: string) {
  const site = useAsync(() => ok(http.GET('/api/sites/{id}', { params: { path: { id: siteId } } })), [siteId]);
  const draft = useAsync(() => ok(http.GET('/api/sites/{id}/filing-draft', { params: { path: { id: siteId } } })), [siteId]);
  const filings = useAsync(() => ok(http.GET('/api/filings', { params: { query: { siteId } } })), [siteId]);
  const report = useAsync(() => ok(http.GET('/api/compliance', {})), [siteId]);
  const authorities = useAsync(() => ok(http.GET('/api/filing-authorities', {})), []);
  const reload = () => {
    draft.reload();
    filings.reload();
    report.reload();
    authorities.reload();
  };
  return { site, draft, filings, report, authorities, reload, error: site.error ?? draft.error ?? filings.error ?? report.error ?? authorities.error };
}
