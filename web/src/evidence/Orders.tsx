import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { bytes, cameraName, fromLocalInput, shanghai, useAction, useCameras, useForm } from './common.ts';
import { RangeFields } from './RangeFields.tsx';

type Order = ResponseOf<'/api/retention/orders'>[number];
const APPROVALS_REQUIRED = 2;
const ARTICLES = ['26', '27', '28'] as const;

/**
 * Ordered deletions (arts. 26–28): an order of the public security organ is recorded by one person,
 * approved by two others (each a different person), then executed: the named footage is deleted,
 * tombstones kept in the ledger, and a certificate issued. Nobody deletes footage by hand.
 */
export function Orders({ userName, mayChange, mayApprove }: { userName: string; mayChange: boolean; mayApprove: boolean }) {
  const { t } = useTranslation();
  const orders = useAsync(() => ok(http.GET('/api/retention/orders')), []);
  const cameras = useCameras();
  const action = useAction(orders.reload);
  const record = useForm({ authority: '', documentNo: '', orderDate: '', article: '26', deactivate: 'true', cameraId: '', from: '', to: '' }, async (f) => {
    await ok(
      http.POST('/api/retention/orders', {
        body: {
          authority: f.authority,
          documentNo: f.documentNo,
          orderDate: f.orderDate,
          article: f.article as (typeof ARTICLES)[number],
          deactivateCameras: f.deactivate === 'true',
          ranges: [{ cameraId: f.cameraId || cameras.data?.[0]?.id || '', from: fromLocalInput(f.from) ?? null, to: fromLocalInput(f.to) ?? null }],
        },
      }),
    );
    orders.reload();
  });
  const next = (o: Order): string => {
    if (o.status === 'EXECUTED') return t('retention.orders.done');
    if (o.approvals.length < APPROVALS_REQUIRED) return t('retention.orders.needApprovals', { count: APPROVALS_REQUIRED - o.approvals.length });
    return t('retention.orders.ready');
  };
  const mayApproveThis = (o: Order) => mayApprove && o.status === 'RECORDED' && o.createdBy !== userName && !o.approvals.some((a) => a.by === userName) && o.approvals.length < APPROVALS_REQUIRED;
  return (
    <>
      <p className="muted">{t('retention.orders.explain')}</p>
      <ol className="muted">
        <li>{t('retention.orders.step1')}</li>
        <li>{t('retention.orders.step2')}</li>
        <li>{t('retention.orders.step3')}</li>
      </ol>
      <ErrorText error={orders.error ?? action.error} />
      <table data-testid="orders">
        <thead>
          <tr>
            <th>{t('retention.orders.document')}</th>
            <th>{t('evidence.range')}</th>
            <th>{t('retention.orders.recordedBy')}</th>
            <th>{t('retention.orders.approvals')}</th>
            <th>{t('retention.orders.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {orders.data?.map((o) => (
            <tr key={o.id} data-order={o.id} data-status={o.status}>
              <td>
                {o.authority} {o.documentNo}
                <div className="muted">
                  {o.orderDate} · {t('cameras.article', { article: o.article })}
                  {o.deactivateCameras && ` · ${t('retention.orders.deactivates')}`}
                </div>
              </td>
              <td>
                {o.ranges.map((r, i) => (
                  <div key={i}>
                    {cameraName(cameras.data, r.cameraId)}: {r.from ? shanghai(r.from) : '…'} – {r.to ? shanghai(r.to) : t('retention.orders.untilExecution')}
                  </div>
                ))}
              </td>
              <td>
                {o.createdBy}
                <div className="muted">{shanghai(o.createdAt)}</div>
              </td>
              <td>
                {o.approvals.length}/{APPROVALS_REQUIRED}
                {o.approvals.map((a) => (
                  <div key={a.by} className="muted">
                    {a.by} · {shanghai(a.at)}
                  </div>
                ))}
              </td>
              <td>
                <strong>{next(o)}</strong>
                {o.certificate && (
                  <div className="muted" data-testid="certificate">
                    {t('retention.orders.certificate', { segments: o.certificate.segments, size: bytes(o.certificate.bytes), at: shanghai(o.certificate.executedAt) })}
                  </div>
                )}
              </td>
              <td>
                {mayApproveThis(o) && (
                  <button type="button" name="approve-order" disabled={action.busy} onClick={() => action.run(() => ok(http.POST('/api/retention/orders/{id}/approve', { params: { path: { id: o.id } } })))}>
                    {o.approvals.length === 0 ? t('retention.orders.approveFirst') : t('retention.orders.approveSecond')}
                  </button>
                )}
                {mayChange && o.status === 'RECORDED' && o.approvals.length >= APPROVALS_REQUIRED && (
                  <button
                    type="button"
                    name="execute-order"
                    disabled={action.busy}
                    onClick={() => {
                      if (window.confirm(t('retention.orders.confirm', { document: o.documentNo }))) action.run(() => ok(http.POST('/api/retention/orders/{id}/execute', { params: { path: { id: o.id } } })));
                    }}
                  >
                    {t('retention.orders.execute')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {orders.data?.length === 0 && <p className="muted">{t('retention.orders.empty')}</p>}
      {mayChange && (
        <form className="stack card" aria-label="order" onSubmit={record.submit}>
          <h3>{t('retention.orders.record')}</h3>
          <label>
            {t('retention.orders.authority')}
            <input {...record.input('authority')} required />
          </label>
          <label>
            {t('retention.orders.documentNo')}
            <input {...record.input('documentNo')} required />
          </label>
          <label>
            {t('retention.orders.orderDate')}
            <input type="date" {...record.input('orderDate')} required />
          </label>
          <label>
            {t('retention.orders.article')}
            <select {...record.input('article')}>
              {ARTICLES.map((a) => (
                <option key={a} value={a}>
                  {t('cameras.article', { article: a })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('retention.orders.deactivate')}
            <select {...record.input('deactivate')}>
              <option value="true">{t('retention.orders.yes')}</option>
              <option value="false">{t('retention.orders.no')}</option>
            </select>
          </label>
          <RangeFields cameras={cameras.data} camera={record.input('cameraId')} from={record.input('from')} to={record.input('to')} />
          <div className="controls">
            <button type="submit" disabled={record.busy}>
              {t('retention.orders.submit')}
            </button>
          </div>
          <ErrorText error={record.error} />
        </form>
      )}
    </>
  );
}
