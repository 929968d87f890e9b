/**
 * Who must file, and from when (art. 14, art. 9.2, REG-09-2, REG-09-4). Art. 9.2 exempts the places of
 * art. 9 from art. 14 altogether: an A9 system has no filing clock, no due date, no overdue and no art. 29
 * exposure (it may still file voluntarily). Art. 33 places are outside the Regulation's filing duty.
 * A site re-classified into an art. 7 category later starts its clock on the day of the change.
 */
import type { FactChange } from '../../../registry/fact-changes.ts';
import type { SiteRecord } from '../../../registry/model.ts';
import type { PlaceCategory } from '../../../registry/enums.ts';
import { legalDateOf, type LegalDate } from '../../../shared/legal-time.ts';
import { categoryClass } from '../place-categories.ts';
import { categoryChangeFilingDeadline, filingDeadline, type FilingDeadline } from './deadline.ts';

/** Art. 14 binds the places of art. 7 only (art. 9.2 lifts it for art. 9 places; art. 33 places are not public). */
export function filingRequired(category: PlaceCategory): boolean {
  return categoryClass(category) === 'A7';
}

/** An active system with a filing duty. */
export function filingApplies(site: SiteRecord): boolean {
  return site.active && filingRequired(site.placeCategory);
}

/** The category changes of one site, oldest first. */
export function categoryChanges(siteId: string, changes: readonly FactChange[]): FactChange[] {
  return changes.filter((c) => c.entityType === 'site' && c.entityId === siteId && c.field === 'placeCategory').sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

const isCategory = (v: unknown): v is PlaceCategory => typeof v === 'string';

/** REG-09-4: the legal date the site last came into an art. 7 category from one without the duty, if it did. */
export function enteredFilingDutyOn(site: SiteRecord, changes: readonly FactChange[]): LegalDate | null {
  if (!filingRequired(site.placeCategory)) return null;
  const last = categoryChanges(site.id, changes)
    .filter((c) => isCategory(c.from) && isCategory(c.to) && !filingRequired(c.from) && filingRequired(c.to))
    .at(-1);
  return last ? legalDateOf(last.at) : null;
}

/** REG-09-4: the legal date the site last left an art. 7 category, if it did and has not come back. */
export function leftFilingDutyOn(site: SiteRecord, changes: readonly FactChange[]): LegalDate | null {
  if (filingRequired(site.placeCategory)) return null;
  const last = categoryChanges(site.id, changes)
    .filter((c) => isCategory(c.from) && isCategory(c.to) && filingRequired(c.from) && !filingRequired(c.to))
    .at(-1);
  return last ? legalDateOf(last.at) : null;
}

/**
 * The initial filing's deadline (REG-14-2), or null where no clock runs: no duty (A9, A33), or not in
 * use yet. A site that came into art. 7 after it was put into use is due 30 days from that change (REG-09-4).
 */
export function initialFilingDeadline(site: SiteRecord, putIntoUse: LegalDate | null, changes: readonly FactChange[], at?: Date | string): FilingDeadline | null {
  if (!filingRequired(site.placeCategory) || !putIntoUse) return null;
  const entered = enteredFilingDutyOn(site, changes);
  if (entered && entered > putIntoUse) return categoryChangeFilingDeadline(entered, at);
  return filingDeadline(putIntoUse, at);
}
