import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { enumLabel } from '../i18n/enum-label.ts';
import { AuthorityChoice } from './AuthorityChoice.tsx';
import { ChangeDiff, type ChangeDating } from './ChangeDiff.tsx';
import { DeadlineCard } from './DeadlineCard.tsx';
import { DraftTable } from './DraftTable.tsx';
import { FilingHistory } from './FilingHistory.tsx';
import { FilingSteps } from './FilingSteps.tsx';
import { legalDate } from '../lib/legal-time.ts';
import { OPEN_STATUSES } from './types.ts';
import { useAction } from './useAction.ts';
import { useFilingData } from './useFilingData.ts';

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The change's date and source, as the finding's details carry them. */
function datingOf(details: Record<string, unknown>): ChangeDating {
  return { changeDate: text(details.changeDate), changeDateSource: text(details.changeDateSource), changes: details.changes as ChangeDating['changes'] };
}

/** The filing (备案, art. 14) of one system: deadline, change diff, the open filing's steps, the data, the authority, the history. */
export function FilingPage({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const data = useFilingData(siteId);
  const create = useAction(data.reload);
  const draft = data.draft.data;
  const filings = data.filings.data ?? [];
  const today = legalDate(data.report.data?.at ?? new Date());
  const siteFindings = data.report.data?.sites.find((s) => s.siteId === siteId)?.findings ?? [];
  const change = siteFindings.find((f) => f.code === 'CHANGE_FILING_REQUIRED');
  const open = filings.find((f) => OPEN_STATUSES.includes(f.status));
  const everFiled = filings.some((f) => f.status === 'FILED');
  const shown = open?.dataset ?? draft;
  const openFiling = () => void create.run(() => ok(http.POST('/api/sites/{id}/filings', { params: { path: { id: siteId } } })));
  return (
    <div data-testid="filing-page" data-site={siteId}>
      <h2>
        {t('filing.title')}: {data.site.data?.name ?? ''}
      </h2>
      {data.site.data && <p className="muted">{enumLabel(t, 'placeCategory', data.site.data.placeCategory)}</p>}
      <ErrorText error={data.error ?? create.error} />
      <div className="cards">
        {draft && <DeadlineCard draft={draft} filings={filings} today={today} />}
        {draft && (
          <AuthorityChoice
            key={draft.filingAuthority ?? ''}
            code={draft.location.adminDivisionCode}
            current={draft.filingAuthority}
            known={(data.authorities.data ?? []).map((a) => a.name)}
            onChange={data.reload}
          />
        )}
      </div>
      {change?.details?.diff !== undefined && (
        <ChangeDiff
          diff={change.details.diff as Record<string, unknown>}
          dueDate={typeof change.details.dueDate === 'string' ? change.details.dueDate : undefined}
          pending={change.details.comparedWithFilingId !== change.details.filedFilingId}
          dating={datingOf(change.details)}
        />
      )}
      {!open && (!everFiled || change) && (
        <p>
          <button type="button" data-testid="create-filing" disabled={create.busy || !data.filings.data} onClick={openFiling}>
            {everFiled ? t('filing.createChange') : t('filing.createDraft')}
          </button>
        </p>
      )}
      {open && (
        <FilingSteps
          key={`${open.id}:${open.status}`}
          filing={open}
          today={today}
          authorities={(data.authorities.data ?? []).map((a) => a.name)}
          defaultAuthority={draft?.filingAuthority ?? null}
          onChange={data.reload}
        />
      )}
      {shown && (
        <section className="card">
          <h3>{t('filing.draftData')}</h3>
          <DraftTable dataset={shown} editable={open && (open.status === 'DRAFT' || open.status === 'RETURNED') ? open.id : undefined} onEdited={data.reload} />
        </section>
      )}
      <FilingHistory filings={filings} />
    </div>
  );
}
