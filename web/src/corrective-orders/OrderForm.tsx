import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { base64Of } from '../disclosure/art21/file-base64.ts';
import { namedFindings } from '../filing/named-findings.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { legalToday } from '../lib/legal-time.ts';
import { emptyItem, ItemsEditor, type ItemDraft } from './ItemsEditor.tsx';
import { ORDER_ARTICLES, type RecordBody } from './types.ts';

const OPEN = ['BLOCK', 'NONCOMPLIANT', 'ADVISORY'];

/** Records an order: reference, organ, date, articles, time limit, sites, actions linked to open findings, the scan. */
export function OrderForm() {
  const { t } = useTranslation();
  const report = useAsync(() => ok(http.GET('/api/compliance', {})), []);
  const [fields, setFields] = useState({ reference: '', issuingOrgan: '', issuedOn: legalToday(), limitDays: '15', dueDate: '', summary: '' });
  const [articles, setArticles] = useState<RecordBody['articles']>([]);
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [items, setItems] = useState<ItemDraft[]>([emptyItem()]);
  const [scan, setScan] = useState<File | null>(null);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));
  const siteOf = (s: { type: string; id: string; siteId?: string | undefined }) => (s.type === 'site' ? s.id : s.siteId);
  const findings = report.data ? namedFindings(report.data).filter((n) => OPEN.includes(n.finding.severity) && siteIds.includes(siteOf(n.finding.subject) ?? '')) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const body: RecordBody = {
        reference: fields.reference,
        issuingOrgan: fields.issuingOrgan,
        issuedOn: fields.issuedOn,
        articles,
        siteIds,
        ...(fields.dueDate ? { dueDate: fields.dueDate } : { limitDays: Number(fields.limitDays) }),
        ...(fields.summary ? { summary: fields.summary } : {}),
        items: items.map((i) => ({
          text: i.text,
          ...(i.dueDate ? { dueDate: i.dueDate } : {}),
          ...(i.assignee ? { assignee: i.assignee } : {}),
          findings: i.findings,
          tasks: i.task ? [{ kind: 'TEXT' as const, text: i.task }] : [],
        })),
        ...(scan ? { scan: { fileName: scan.name, mediaType: scan.type || 'application/octet-stream', contentBase64: await base64Of(scan) } } : {}),
      };
      const order = await ok(http.POST('/api/corrective-orders', { body }));
      location.hash = `#/corrective-orders/${encodeURIComponent(order.id)}`;
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid="order-form">
      <h2>{t('correctiveOrders.new')}</h2>
      <a href="#/corrective-orders">{t('correctiveOrders.back')}</a>
      <label>
        {t('correctiveOrders.form.reference')}
        <input required name="reference" value={fields.reference} onChange={set('reference')} />
      </label>
      <label>
        {t('correctiveOrders.form.organ')}
        <input required name="issuingOrgan" value={fields.issuingOrgan} onChange={set('issuingOrgan')} />
      </label>
      <label>
        {t('correctiveOrders.form.issuedOn')}
        <input required type="date" name="issuedOn" value={fields.issuedOn} onChange={set('issuedOn')} />
      </label>
      <fieldset className="controls">
        <legend>{t('correctiveOrders.form.articles')}</legend>
        {Object.entries(ORDER_ARTICLES).map(([article, breached]) => (
          <label key={article} className="check">
            <input
              type="checkbox"
              name={`article-${article}`}
              checked={articles.includes(article as RecordBody['articles'][number])}
              onChange={(e) => setArticles((a) => (e.target.checked ? [...a, article as RecordBody['articles'][number]] : a.filter((x) => x !== article)))}
            />
            {t('correctiveOrders.article', { article, breached })}
          </label>
        ))}
      </fieldset>
      <fieldset className="controls">
        <legend>{t('correctiveOrders.form.limit')}</legend>
        <label className="check">
          <input type="number" min={1} max={365} name="limitDays" value={fields.limitDays} disabled={fields.dueDate !== ''} onChange={set('limitDays')} /> {t('correctiveOrders.form.limitDays')}
        </label>
        <label>
          {t('correctiveOrders.form.dueDate')}
          <input type="date" name="dueDate" value={fields.dueDate} onChange={set('dueDate')} />
        </label>
      </fieldset>
      <fieldset className="controls">
        <legend>{t('correctiveOrders.form.sites')}</legend>
        {report.data?.sites.map((s) => (
          <label key={s.siteId} className="check">
            <input type="checkbox" name={`site-${s.siteId}`} checked={siteIds.includes(s.siteId)} onChange={(e) => setSiteIds((ids) => (e.target.checked ? [...ids, s.siteId] : ids.filter((x) => x !== s.siteId)))} />
            {s.name}
          </label>
        ))}
      </fieldset>
      <label>
        {t('correctiveOrders.form.summary')}
        <textarea name="summary" value={fields.summary} onChange={set('summary')} />
      </label>
      <label>
        {t('correctiveOrders.form.scan')}
        <input type="file" name="scan" accept="application/pdf,image/*" onChange={(e) => setScan(e.target.files?.[0] ?? null)} />
      </label>
      <ItemsEditor items={items} onChange={setItems} findings={findings} />
      <ErrorText error={error ?? report.error} />
      <button type="submit" disabled={saving} data-testid="order-submit">
        {t('correctiveOrders.form.submit')}
      </button>
    </form>
  );
}
