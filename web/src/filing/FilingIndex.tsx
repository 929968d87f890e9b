import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { DaysLeft } from './DaysLeft.tsx';
import { legalDate } from '../lib/legal-time.ts';
import { filingDutyOf } from './duty.ts';

/** The systems to file, with their initial filing deadline where one runs; an art. 9 place says filing is not required (art. 9.2). */
export function FilingIndex() {
  const { t } = useTranslation();
  const sites = useAsync(() => ok(http.GET('/api/sites', {})), []);
  const report = useAsync(() => ok(http.GET('/api/compliance', {})), []);
  const today = legalDate(report.data?.at ?? new Date());
  return (
    <section className="card">
      <h2>{t('filing.title')}</h2>
      <p className="muted">{t('filing.pickSite')}</p>
      <ErrorText error={sites.error ?? report.error} />
      <table>
        <tbody>
          {sites.data
            ?.filter((s) => s.active)
            .map((s) => {
              const d = report.data?.filingDeadlines.find((x) => x.siteId === s.id);
              return (
                <tr key={s.id}>
                  <td>
                    <a href={`#/filing/${encodeURIComponent(s.id)}`}>{s.name}</a>
                  </td>
                  <td className="muted">{enumLabel(t, 'placeCategory', s.placeCategory)}</td>
                  <td>
                    {filingDutyOf(s.placeCategory) === 'A9' && <span data-testid="filing-not-required">{t('filing.notRequiredShort')}</span>}
                    {d && (
                      <>
                        {t('filing.due', { date: d.dueDate })} <DaysLeft dueDate={d.dueDate} today={today} overdue={d.overdue} /> · {enumLabel(t, 'filingStatus', d.status)}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </section>
  );
}
