import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { legalDateTime } from '../lib/legal-time.ts';
import { CloseItem } from './CloseItem.tsx';
import { ArticleList, OrderDaysLeft } from './DaysLeft.tsx';
import type { Order, OrderItem } from './types.ts';

const documentHref = (orderId: string, documentId: string) => `/api/corrective-orders/${encodeURIComponent(orderId)}/documents/${encodeURIComponent(documentId)}`;

/** One order: its deadline, each action with its links and evidence (or the form to close it), the report back, the history. */
export function OrderDetail({ id, mayClose }: { id: string; mayClose: boolean }) {
  const { t } = useTranslation();
  const order = useAsync(() => ok(http.GET('/api/corrective-orders/{id}', { params: { path: { id } } })), [id]);
  const history = useAsync(() => ok(http.GET('/api/corrective-orders/{id}/history', { params: { path: { id } } })), [id]);
  const o = order.data;
  const reload = () => (order.reload(), history.reload());
  return (
    <section className="card" data-testid="order-detail">
      <a href="#/corrective-orders">{t('correctiveOrders.back')}</a>
      <ErrorText error={order.error ?? history.error} />
      {o && (
        <>
          <h2>
            {o.reference} <OrderDaysLeft order={o} />
          </h2>
          <p>
            {o.issuingOrgan} · {o.issuedOn} · <ArticleList articles={o.articles} /> · {t('correctiveOrders.col.due')} {o.dueDate}
            {o.deadline.dueOnRestDay && o.status === 'OPEN' && <span className="muted"> ({t('correctiveOrders.restDay')})</span>}
          </p>
          {o.summary && <p>{o.summary}</p>}
          <p className="muted">
            {t('correctiveOrders.detail.recorded', { by: o.recordedBy, at: legalDateTime(o.recordedAt) })}
            {o.closedAt && ` · ${t('correctiveOrders.detail.closed', { at: legalDateTime(o.closedAt) })}`}
          </p>
          {o.scan && (
            <p>
              {t('correctiveOrders.detail.scan')}: <a href={documentHref(o.id, o.scan.id)}>{o.scan.fileName}</a> <code>{o.scan.sha256}</code>
            </p>
          )}
          <p>
            <a className="button" href={`/api/corrective-orders/${encodeURIComponent(o.id)}/report-back.pdf`} data-testid="report-back">
              {t('correctiveOrders.detail.reportBack')}
            </a>
          </p>
          {o.items.map((item) => (
            <Item key={item.id} order={o} item={item} mayClose={mayClose} onClosed={reload} />
          ))}
          <h3>{t('correctiveOrders.detail.history')}</h3>
          <ul data-testid="order-history">
            {history.data?.map((h) => (
              <li key={h.seq}>
                {legalDateTime(h.at)} · {h.actor} · {t(`correctiveOrders.action.${h.action}`, { defaultValue: h.action })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Item({ order, item, mayClose, onClosed }: { order: Order; item: OrderItem; mayClose: boolean; onClosed: () => void }) {
  const { t } = useTranslation();
  return (
    <article className="card" data-item={item.position} data-status={item.status}>
      <h3>
        {t('correctiveOrders.detail.item', { n: item.position })} <span className="badge">{t(`correctiveOrders.status.${item.status}`)}</span>
        {item.overdue && <span className="badge error"> {t('correctiveOrders.detail.itemOverdue')}</span>}
      </h3>
      <p>{item.text}</p>
      {item.dueDate && <p className="muted">{t('correctiveOrders.col.due')} {item.dueDate}</p>}
      {item.assignee && <p className="muted">{t('correctiveOrders.detail.assignee', { name: item.assignee })}</p>}
      {item.findings.length > 0 && (
        <p>
          {t('correctiveOrders.detail.findings')}: {item.findings.map((f) => `${f.code} (${f.subject.type} ${f.subject.id})`).join('; ')}
        </p>
      )}
      {item.tasks.length > 0 && (
        <p>
          {t('correctiveOrders.detail.tasks')}: {item.tasks.map((task) => ('text' in task ? task.text : `${task.kind} ${task.id}`)).join('; ')}
        </p>
      )}
      {item.status === 'CLOSED' ? (
        <>
          <p>
            {t('correctiveOrders.detail.note')}: {item.evidenceNote}
          </p>
          <p className="muted">{t('correctiveOrders.detail.closedBy', { by: item.closedBy, at: legalDateTime(item.closedAt) })}</p>
          {item.evidence.length > 0 && (
            <ul data-testid="evidence">
              {item.evidence.map((d) => (
                <li key={d.id}>
                  <a href={documentHref(order.id, d.id)}>{d.fileName}</a> <code>{d.sha256}</code>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        mayClose && <CloseItem orderId={order.id} itemId={item.id} onClosed={onClosed} />
      )}
    </article>
  );
}
