import { useTranslation } from 'react-i18next';
import { legalDateTime } from '../lib/legal-time.ts';

interface Change {
  seq: number;
  action: string;
  actor: string;
  at: string;
  before?: unknown;
  after?: unknown;
}

const SKIP = new Set(['updatedAt', 'createdAt', 'passwordChangedAt']);

function changes(before: unknown, after: unknown): [string, unknown, unknown][] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !SKIP.has(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => [k, b[k], a[k]]);
}

const shown = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

/** A record's administration history, newest first: who changed what, from which value to which. */
export function History({ entries, label }: { entries: Change[] | undefined; label: (field: string) => string }) {
  const { t } = useTranslation();
  if (!entries) return null;
  return (
    <table aria-label="history" className="history">
      <thead>
        <tr>
          <th>{t('staff.history.at')}</th>
          <th>{t('staff.history.actor')}</th>
          <th>{t('staff.history.action')}</th>
          <th>{t('staff.history.change')}</th>
        </tr>
      </thead>
      <tbody>
        {[...entries].reverse().map((h) => (
          <tr key={h.seq}>
            <td>{legalDateTime(h.at)}</td>
            <td>{h.actor}</td>
            <td>{t(`staff.history.actions.${h.action}`, { defaultValue: h.action })}</td>
            <td>
              {h.action === 'create'
                ? '—'
                : changes(h.before, h.after).map(([k, b, a]) => (
                    <div key={k}>
                      {label(k)}: {shown(b)} → {shown(a)}
                    </div>
                  ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
