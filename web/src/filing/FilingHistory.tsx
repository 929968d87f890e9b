import { useTranslation } from 'react-i18next';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTime } from '../lib/legal-time.ts';
import type { Filing } from './types.ts';

/** Every filing of the system, newest first, each with its PDF. */
export function FilingHistory({ filings }: { filings: Filing[] }) {
  const { t } = useTranslation();
  const rows = [...filings].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="card">
      <h3>{t('filing.history')}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('filing.none')}</p>
      ) : (
        <table data-testid="filing-history">
          <thead>
            <tr>
              <th>{t('filing.kind')}</th>
              <th>{t('filing.status')}</th>
              <th>{t('filing.submittedAt')}</th>
              <th>{t('filing.attestedBy')}</th>
              <th>{t('filing.receiptNo')}</th>
              <th>{t('filing.filedAt')}</th>
              <th>{t('filing.authority')}</th>
              <th>{t('filing.pdf')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.id} data-filing={f.id} data-status={f.status}>
                <td>{enumLabel(t, 'filingKind', f.kind)}</td>
                <td>
                  {enumLabel(t, 'filingStatus', f.status)}
                  {f.returnedReason && <div className="muted">{t('filing.returned', { reason: f.returnedReason })}</div>}
                </td>
                <td>{f.submittedAt ? legalDateTime(f.submittedAt) : '—'}</td>
                <td>{f.attestedBy ?? '—'}</td>
                <td>{f.receiptNo ?? '—'}</td>
                <td>{f.filedAt ?? '—'}</td>
                <td>{f.authority ?? '—'}</td>
                <td>
                  <a href={`/api/filings/${encodeURIComponent(f.id)}/export?format=pdf`} download data-testid="filing-pdf">
                    {t('filing.download')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
