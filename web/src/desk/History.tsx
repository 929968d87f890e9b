import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTimeIn } from '../lib/legal-time.ts';

interface Change {
  seq: number;
  action: string;
  actor: string;
  at: string;
  before: unknown;
  after: unknown;
}

/** The fields a change touched, by name (the API's field names, shown through `desk.field.*`). */
function changedFields(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** Who changed the record, when (Asia/Shanghai) and which fields; `version` reloads it after a save. */
export function History({ load, version }: { load: () => Promise<Change[]>; version: number }) {
  const { t, i18n } = useTranslation();
  const history = useAsync(load, [version]);
  return (
    <section className="card" data-testid="history">
      <h3>{t('desk.history')}</h3>
      <ErrorText error={history.error} />
      <table>
        <thead>
          <tr>
            <th>{t('desk.when')}</th>
            <th>{t('desk.who')}</th>
            <th>{t('desk.change')}</th>
            <th>{t('desk.fields')}</th>
          </tr>
        </thead>
        <tbody>
          {(history.data ?? []).map((h) => (
            <tr key={h.seq}>
              <td>{legalDateTimeIn(h.at, i18n.language)}</td>
              <td>{h.actor}</td>
              <td>{enumLabel(t, 'historyAction', h.action)}</td>
              <td>{changedFields(h.before, h.after).map((f) => t(`desk.field.${f}`, { defaultValue: f })).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
