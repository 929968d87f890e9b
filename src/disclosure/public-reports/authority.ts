/**
 * The public security organ a report is forwarded to (art. 24 ¶2): the county organ of the site's
 * division as the filing authorities list it, else the organ that received the site's last filing,
 * unless the handler names another. None known and none named: E_REPORT_AUTHORITY_UNKNOWN.
 */
import type { Db } from '../../db/connect.ts';
import { filingAuthoritiesRepository } from '../../registry/repositories/index.ts';
import { authorityUnknown } from './errors.ts';
import type { SiteFacts } from './site-facts.ts';

export async function authorityFor(db: Db, site: SiteFacts, named?: string): Promise<string> {
  if (named) return named;
  const listed = await filingAuthoritiesRepository.get(db, site.adminDivisionCode);
  if (listed) return listed.name;
  const filed = await db
    .selectFrom('filings')
    .select(['authority'])
    .where('siteId', '=', site.id)
    .where('authority', 'is not', null)
    .orderBy('filedAt', 'desc')
    .executeTakeFirst();
  if (filed?.authority) return filed.authority;
  throw authorityUnknown();
}
