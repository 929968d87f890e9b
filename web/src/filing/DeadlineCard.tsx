import { useTranslation } from 'react-i18next';
import { DaysLeft } from './DaysLeft.tsx';
import { legalDate } from '../lib/legal-time.ts';
import type { Draft, Filing } from './types.ts';
import { filingDutyOf } from './duty.ts';

/**
 * REG-14-2: the initial filing's due date with days left or overdue, or how the filing stands once made.
 * An art. 9 place has no filing duty (art. 9.2, REG-09-2): it shows "not required" instead of a deadline.
 */
export function DeadlineCard({ draft, filings, today }: { draft: Draft; filings: Filing[]; today: string }) {
  const { t } = useTranslation();
  const filed = filings.filter((f) => f.status === 'FILED').sort((a, b) => (b.filedAt ?? '').localeCompare(a.filedAt ?? ''))[0];
  const submitted = filings.find((f) => f.status === 'SUBMITTED');
  const deadline = draft.deadline;
  const duty = filingDutyOf(draft.location.placeCategory);
  return (
    <section className="card" data-testid="filing-deadline">
      <h3>{t('filing.deadline')}</h3>
      {duty === 'A9' ? (
        <p data-testid="filing-not-required">{t('filing.notRequired')}</p>
      ) : duty === 'A33' ? (
        <p data-testid="filing-not-required">{t('filing.notRequiredNonPublic')}</p>
      ) : !deadline ? (
        <p className="muted">{t('filing.notInUse')}</p>
      ) : (
        <>
          <p className="muted">{deadline.preExisting ? t('filing.deadlinePreExisting') : t('filing.deadlineKind', { date: draft.extras.putIntoUseDate ?? deadline.startDate })}</p>
          <p>
            <strong data-testid="due-date">{t('filing.due', { date: deadline.dueDate })}</strong>{' '}
            {!filed && !submitted && <DaysLeft dueDate={deadline.dueDate} today={today} />}
          </p>
        </>
      )}
      {filed && <p data-testid="filed">{t('filing.filedOn', { date: filed.filedAt ?? '', receiptNo: filed.receiptNo ?? '' })}</p>}
      {!filed && submitted?.submittedAt && <p>{t('filing.submittedOn', { date: legalDate(submitted.submittedAt) })}</p>}
      <p className="muted">{t('filing.notFiling')}</p>
    </section>
  );
}
