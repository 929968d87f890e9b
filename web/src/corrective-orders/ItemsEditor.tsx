import { useTranslation } from 'react-i18next';
import type { Named } from '../filing/named-findings.ts';
import { pick } from '../i18n/index.ts';
import type { FindingLink } from './types.ts';

export interface ItemDraft {
  text: string;
  dueDate: string;
  assignee: string;
  task: string;
  findings: FindingLink[];
}

export const emptyItem = (): ItemDraft => ({ text: '', dueDate: '', assignee: '', task: '', findings: [] });

const keyOf = (f: { code: string; subject: { type: string; id: string } }) => `${f.code}:${f.subject.type}:${f.subject.id}`;

/** The order's required actions, each linked to open findings picked from the compliance report. */
export function ItemsEditor({ items, onChange, findings }: { items: ItemDraft[]; onChange: (items: ItemDraft[]) => void; findings: Named[] }) {
  const { t, i18n } = useTranslation();
  const update = (index: number, patch: Partial<ItemDraft>) => onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const toggle = (index: number, named: Named) => {
    const { ruleId, code, subject } = named.finding as Named['finding'] & { ruleId: string };
    const link: FindingLink = { ruleId, code, subject: { type: subject.type as FindingLink['subject']['type'], id: subject.id, ...(subject.siteId ? { siteId: subject.siteId } : {}) } };
    const current = items[index]!.findings;
    update(index, { findings: current.some((f) => keyOf(f) === keyOf(link)) ? current.filter((f) => keyOf(f) !== keyOf(link)) : [...current, link] });
  };
  return (
    <fieldset data-testid="order-items">
      <legend>{t('correctiveOrders.form.items')}</legend>
      {items.map((item, index) => (
        <div key={index} className="card" data-item={index + 1}>
          <label>
            {t('correctiveOrders.detail.item', { n: index + 1 })} · {t('correctiveOrders.form.itemText')}
            <textarea required value={item.text} onChange={(e) => update(index, { text: e.target.value })} />
          </label>
          <label>
            {t('correctiveOrders.form.itemDue')}
            <input type="date" value={item.dueDate} onChange={(e) => update(index, { dueDate: e.target.value })} />
          </label>
          <label>
            {t('correctiveOrders.form.assignee')}
            <input value={item.assignee} onChange={(e) => update(index, { assignee: e.target.value })} />
          </label>
          <label>
            {t('correctiveOrders.form.task')}
            <input value={item.task} onChange={(e) => update(index, { task: e.target.value })} />
          </label>
          <div>
            <strong>{t('correctiveOrders.form.findings')}</strong>
            {findings.length === 0 && <p className="muted">{t('correctiveOrders.form.noFindings')}</p>}
            {findings.map((named) => (
              <div key={keyOf(named.finding)} className="controls">
                <label className="check">
                  <input type="checkbox" name={`finding-${keyOf(named.finding)}`} checked={item.findings.some((f) => keyOf(f) === keyOf(named.finding))} onChange={() => toggle(index, named)} />
                  {t('findings.article', { article: named.finding.article })} · {named.name ? `${named.name} · ` : ''}
                  {pick(named.finding.message, i18n.language)}
                </label>
              </div>
            ))}
          </div>
          {items.length > 1 && (
            <button type="button" onClick={() => onChange(items.filter((_, i) => i !== index))}>
              {t('correctiveOrders.form.removeItem')}
            </button>
          )}
        </div>
      ))}
      <button type="button" onClick={() => onChange([...items, emptyItem()])}>
        {t('correctiveOrders.form.addItem')}
      </button>
    </fieldset>
  );
}
