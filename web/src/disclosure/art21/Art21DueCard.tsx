import { useTranslation } from 'react-i18next';
import { http, ok } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { legalDateTime } from '../../lib/legal-time.ts';

/** The dashboard card: art. 21 requests past their answer deadline, and those due soon. */
export function Art21DueCard() {
  const { t } = useTranslation();
  const due = useAsync(() => ok(http.GET('/api/art21-requests/reminders')), []);
  const d = due.data;
  return (
    <section className="card" data-testid="dashboard-art21">
      <h3>
        {t('art21.due.title')} <a href="#/art21">{t('art21.open')}</a>
      </h3>
      <ErrorText error={due.error} />
      {d && d.overdue.length === 0 && d.dueSoon.length === 0 && <p className="muted">{t('art21.due.none')}</p>}
      {d && d.overdue.length > 0 && (
        <>
          <span className="badge error">{t('art21.due.overdue')}</span>
          <ul data-testid="art21-overdue">
            {d.overdue.map((r) => (
              <li key={r.id}>
                <a href={`#/art21/${encodeURIComponent(r.id)}`}>{r.requesterName}</a> {legalDateTime(r.dueAt)}
              </li>
            ))}
          </ul>
        </>
      )}
      {d && d.dueSoon.length > 0 && (
        <>
          <span className="badge">{t('art21.due.soon', { days: d.dueSoonDays })}</span>
          <ul data-testid="art21-due-soon">
            {d.dueSoon.map((r) => (
              <li key={r.id}>
                <a href={`#/art21/${encodeURIComponent(r.id)}`}>{r.requesterName}</a> {legalDateTime(r.dueAt)} ({t('art21.due.daysLeft', { count: r.daysLeft })})
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
