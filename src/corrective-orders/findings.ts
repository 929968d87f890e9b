/**
 * What an overdue corrective order means for compliance (REG-24-3, REG-26-1). An order still open
 * after the end of its due date raises CORRECTIVE_ORDER_OVERDUE (NONCOMPLIANT, art. 24) on each site
 * it concerns, once per article it is made under, with that article as the penalty reference; and it
 * makes the conditional fine of the matching exposure rows imposable (拒不改正): the rows of the
 * findings its items link, and the rows of its article on its sites.
 */
import type { Db } from '../db/connect.ts';
import type { Finding } from '../policy/types.ts';
import { legalDateOf } from '../shared/legal-time.ts';
import { deadlineState, openAt } from './deadline.ts';
import { BREACHED_ARTICLE, type FindingLink, type StoredOrder } from './model.ts';
import { ordersRepository } from './repository.ts';

/** An overdue order as the exposure report needs it. */
export interface OverdueOrderLink {
  orderId: string;
  reference: string;
  dueDate: string;
  siteIds: string[];
  articles: string[];
  findings: FindingLink[];
}

/** The orders known at `at` (issued by then) and still open then, past their deadline. */
function overdueAt(orders: readonly StoredOrder[], at: Date): StoredOrder[] {
  const today = legalDateOf(at);
  return orders.filter((o) => o.issuedOn <= today && deadlineState(o.dueDate, at, openAt(o.closedAt, at)).overdue);
}

export function overdueOrderFindings(orders: readonly StoredOrder[], at: Date): Finding[] {
  const findings: Finding[] = [];
  for (const order of overdueAt(orders, at)) {
    const openItems = order.items.filter((i) => !i.closedAt || Date.parse(i.closedAt) > at.getTime()).length;
    for (const siteId of order.siteIds) {
      for (const article of order.articles) {
        findings.push({
          ruleId: 'REG-24-3',
          code: 'CORRECTIVE_ORDER_OVERDUE',
          article: '24',
          severity: 'NONCOMPLIANT',
          penaltyRef: article,
          message: {
            zh: `责令改正通知 ${order.reference}(${order.issuingOrgan},依据第${BREACHED_ARTICLE[article]}条)已于 ${order.dueDate} 到期,仍有 ${openItems} 项未整改完毕`,
            en: `Corrective order ${order.reference} (${order.issuingOrgan}, art. ${BREACHED_ARTICLE[article]}) was due on ${order.dueDate}; ${openItems} item(s) are still open`,
          },
          subject: { type: 'site', id: siteId },
          details: { orderId: order.id, reference: order.reference, dueDate: order.dueDate, openItems },
        });
      }
    }
  }
  return findings;
}

export function overdueOrderLinks(orders: readonly StoredOrder[], at: Date): OverdueOrderLink[] {
  return overdueAt(orders, at).map((o) => ({ orderId: o.id, reference: o.reference, dueDate: o.dueDate, siteIds: o.siteIds, articles: o.articles, findings: o.items.flatMap((i) => i.findings) }));
}

/** The overdue-order findings and the links of overdue orders at `at`, from the database. */
export async function correctiveOrderCompliance(db: Db, at: Date): Promise<{ findings: Finding[]; links: OverdueOrderLink[] }> {
  const orders = await ordersRepository.list(db);
  return { findings: overdueOrderFindings(orders, at), links: overdueOrderLinks(orders, at) };
}
